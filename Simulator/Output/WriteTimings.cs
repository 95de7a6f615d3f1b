using System.Diagnostics;

namespace LookoutSim.Output;

/// <summary>
/// Where the time of writing a results folder went, filled in by
/// <see cref="ResultsFolder.Write(LookoutSim.Metrics.RunResult, string, ResultsWriteOptions?, CancellationToken)"/>
/// when passed in <see cref="ResultsWriteOptions.Timings"/> (for <c>run --timings</c>); wall-clock
/// seconds, never written into the folder.
/// </summary>
public sealed class WriteTimings
{
    /// <summary>Writing the data files (summary, CSVs, resolved scenario).</summary>
    public double DataFilesS { get; internal set; }

    /// <summary>Drawing the charts in memory: from the start of the writing to the last chart drawn, on the other cores while the data files were written, then on every core.</summary>
    public double ChartsDrawnS { get; internal set; }

    /// <summary>From the data files written to the last chart drawn (this thread drawing too): what drawing added to the command.</summary>
    public double WaitForChartsS { get; internal set; }

    /// <summary>Saving the chart files and writing the report.</summary>
    public double ChartsAndReportS { get; internal set; }

    /// <summary>The whole write, from the check of the target to the folder renamed into place.</summary>
    public double TotalS { get; internal set; }

    internal static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}
