using System.Text;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// What <c>lookoutsim plot</c> and <c>lookoutsim report</c> do: read a results folder back and
/// redraw its charts or its report from the files. Each file is written beside its final name and
/// renamed over it, so a reader never sees half a file. The default <c>plots/</c> folder and
/// <c>report.html</c> are refused when they are symbolic links (<see cref="SafePath.Within"/>).
/// </summary>
public static class Redraw
{
    /// <summary>Redraws <c>plots/*.png</c> and <c>plots/*.svg</c> of the folder at <paramref name="dir"/>.</summary>
    /// <param name="dir">A results folder.</param>
    /// <param name="plotsDir">Where the charts go; default <c>DIR/plots</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Plots(string dir, string? plotsDir = null, CancellationToken ct = default)
    {
        RunResult result = ResultsReader.Read(dir);
        plotsDir ??= SafePath.Within(dir, ResultsFolder.PlotsFolder);
        Directory.CreateDirectory(plotsDir);
        var written = new List<string>();
        foreach (Chart chart in Charts.Draw(result, ct))
        {
            ct.ThrowIfCancellationRequested();
            written.Add(Replace(Path.Combine(plotsDir, chart.Name + ".png"), path => File.WriteAllBytes(path, chart.Png)));
            written.Add(Replace(Path.Combine(plotsDir, chart.Name + ".svg"), path => File.WriteAllText(path, chart.Svg, new UTF8Encoding(false))));
        }

        return written;
    }

    /// <summary>Rewrites the report of the folder at <paramref name="dir"/>.</summary>
    /// <param name="dir">A results folder.</param>
    /// <param name="reportPath">Where the report goes; default <c>DIR/report.html</c>.</param>
    /// <param name="date">The date shown as written.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The path written.</returns>
    public static string Report(string dir, string? reportPath, DateTimeOffset date, CancellationToken ct = default)
    {
        RunResult result = ResultsReader.Read(dir);
        IReadOnlyList<Chart> charts = Charts.Draw(result, ct);
        reportPath ??= SafePath.Within(dir, ResultsFolder.ReportFile);
        string? parent = Path.GetDirectoryName(Path.GetFullPath(reportPath));
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        return Replace(reportPath, path => HtmlReport.Write(result, charts, date, path));
    }

    private static string Replace(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.writing-{Environment.ProcessId}");
        try
        {
            File.Delete(temp); // a file or link left under this name is never written through
            write(temp);
            File.Move(temp, full, overwrite: true);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new OutputException($"cannot write '{path}': {ex.Message}", ex);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
