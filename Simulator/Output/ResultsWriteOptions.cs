namespace LookoutSim.Output;

/// <summary>How <see cref="ResultsFolder.Write(LookoutSim.Metrics.RunResult, string, ResultsWriteOptions?, CancellationToken)"/> writes a results folder.</summary>
public sealed record ResultsWriteOptions
{
    /// <summary>Replace an existing results folder. Default false: an existing target is an error
    /// and is left untouched.</summary>
    public bool Force { get; init; }

    /// <summary>The date shown in the report's provenance — the only wall-clock value in a results
    /// folder, passed in so that everything else is a pure function of the run.</summary>
    public DateTimeOffset ReportDate { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Draw <c>plots/*.png</c> and <c>plots/*.svg</c>. Default true.</summary>
    public bool Charts { get; init; } = true;

    /// <summary>Write <c>report.html</c>. Default true.</summary>
    public bool Report { get; init; } = true;

    /// <summary>Files and folders the run read (the scenario, its traces): <c>--force</c> never
    /// replaces a folder holding one. Default: none.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>More charts, drawn by the caller, written into <c>plots/</c> beside the run's own
    /// (e.g. the backtest overlays). Default: none.</summary>
    public IReadOnlyList<Chart> ExtraCharts { get; init; } = [];

    /// <summary>An HTML section (one <c>&lt;section&gt;</c>) the report shows after its SLO verdicts
    /// (e.g. the backtest's). Default: none.</summary>
    public string? ReportSection { get; init; }

    /// <summary>Writes more files into the folder being written (its path is the argument), before
    /// it is renamed into place; each file named in the returned list. Default: none.</summary>
    public Func<string, IReadOnlyList<string>>? ExtraFiles { get; init; }

    /// <summary>Filled in with where the time went (for <c>run --timings</c>). Default: not measured.</summary>
    public WriteTimings? Timings { get; init; }

    /// <summary>Test hook: called with each file's name after it is written into the temporary folder.</summary>
    internal Action<string>? AfterFile { get; init; }
}
