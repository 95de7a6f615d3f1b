using System.Text;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// What <c>lookoutsim plot</c> and <c>lookoutsim report</c> do: read a results folder back and
/// redraw its charts or its report from the files. Each file is written beside its final name and
/// renamed over it, so a reader never sees half a file; the folder's manifest records the new
/// files (<see cref="OutputManifest.Record"/>), so that <c>--force</c> can still replace it. What is
/// written inside the results folder never goes through a link: a linked <c>plots</c> or
/// <c>report.html</c> is refused (exit 2) and its target left alone.
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
        if (SweepFolderParts.TryRead(dir) is { } sweep)
        {
            return Staged(dir, plotsDir ?? Path.Combine(dir, ResultsFolder.PlotsFolder), staging => SweepCharts.Draw(sweep.Table, staging, sweep.Slo, sweep.Currency));
        }

        if (PlanFile.Read(dir) is var (plan, planPage))
        {
            return Staged(dir, plotsDir ?? Path.Combine(dir, ResultsFolder.PlotsFolder), staging =>
            {
                SweepPlanFolder.Chart(plan, staging, planPage.Currency);
                return [.. Directory.GetFiles(staging).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
            });
        }

        if (SensitivityFolder.Read(dir) is { } sensitivity)
        {
            return Staged(dir, plotsDir ?? Path.Combine(dir, ResultsFolder.PlotsFolder), staging =>
                SensitivityCharts.Draw(SensitivityAnalysis.Analyze(sensitivity), staging));
        }

        RunResult result = ResultsReader.Read(dir);
        plotsDir ??= Path.Combine(dir, ResultsFolder.PlotsFolder);
        IReadOnlyList<Chart> charts = Charts.Draw(result, ct);
        var paths = charts.SelectMany(c => new[] { Path.Combine(plotsDir, c.Name + ".png"), Path.Combine(plotsDir, c.Name + ".svg") }).ToList();
        foreach (string path in paths)
        {
            OutputFolder.RefuseLinks(dir, path);
        }

        Directory.CreateDirectory(plotsDir);
        var written = new List<string>();
        try
        {
            foreach (Chart chart in charts)
            {
                ct.ThrowIfCancellationRequested();
                written.Add(Replace(Path.Combine(plotsDir, chart.Name + ".png"), path => File.WriteAllBytes(path, chart.Png)));
                written.Add(Replace(Path.Combine(plotsDir, chart.Name + ".svg"), path => File.WriteAllText(path, chart.Svg, new UTF8Encoding(false))));
            }
        }
        finally
        {
            RecordInManifest(dir, written);
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
        string plots = Path.Combine(dir, ResultsFolder.PlotsFolder);
        if (SweepFolderParts.TryRead(dir) is { } sweep)
        {
            return Page(dir, reportPath ?? Path.Combine(dir, SweepReport.FileName), () =>
                SweepReport.Render(sweep.Table, sweep.Name, sweep.Replications, sweep.Slo, sweep.Currency, SweepReport.ChartsIn(plots)));
        }

        if (PlanFile.Read(dir) is var (plan, planPage))
        {
            return Page(dir, reportPath ?? Path.Combine(dir, SweepPlanFolder.PageFile), () => PlanReport.Render(plan, planPage, SweepReport.ChartsIn(plots)));
        }

        if (SensitivityFolder.Read(dir) is { } sensitivity)
        {
            return Page(dir, reportPath ?? Path.Combine(dir, SensitivityReport.FileName), () => SensitivityReport.Render(SensitivityAnalysis.Analyze(sensitivity), plots));
        }

        RunResult result = ResultsReader.Read(dir);
        IReadOnlyList<Chart> charts = Charts.Draw(result, ct);
        reportPath ??= Path.Combine(dir, ResultsFolder.ReportFile);
        OutputFolder.RefuseLinks(dir, reportPath);
        string? parent = Path.GetDirectoryName(Path.GetFullPath(reportPath));
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        string written = Replace(reportPath, path => HtmlReport.Write(result, charts, date, path));
        RecordInManifest(dir, [written]);
        return written;
    }

    /// <summary>Writes the page <paramref name="render"/> makes to <paramref name="page"/> (never through a link) and records it in the manifest.</summary>
    private static string Page(string dir, string page, Func<string> render)
    {
        OutputFolder.RefuseLinks(dir, page);
        string html = render();
        string done = Replace(page, path => File.WriteAllText(path, html, new UTF8Encoding(false)));
        RecordInManifest(dir, [done]);
        return done;
    }

    /// <summary>Charts drawn by <paramref name="draw"/> into a folder inside <paramref name="plotsDir"/> (it returns their file names), then moved over the old ones.</summary>
    private static List<string> Staged(string dir, string plotsDir, Func<string, IReadOnlyList<string>> draw)
    {
        Directory.CreateDirectory(plotsDir);
        string staging = Path.Combine(plotsDir, ".redraw-" + Guid.NewGuid().ToString("N")[..8]);
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(staging);
            IReadOnlyList<string> names = draw(staging);
            foreach (string name in names)
            {
                string target = Path.Combine(plotsDir, Path.GetFileName(name));
                OutputFolder.RefuseLinks(dir, target);
                File.Move(Path.Combine(staging, Path.GetFileName(name)), target, overwrite: true);
                written.Add(Path.GetFullPath(target));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write the charts in '{OutputFolder.Shown(plotsDir)}': {OutputFolder.Shown(ex.Message)}", ex);
        }
        finally
        {
            OutputFolder.TryDeleteTree(staging);
            RecordInManifest(dir, written);
        }

        return written;
    }

    private static void RecordInManifest(string dir, IReadOnlyCollection<string> written)
    {
        try
        {
            OutputManifest.Record(dir, written);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot update '{OutputFolder.Shown(Path.Combine(dir, OutputManifest.FileName))}': {OutputFolder.Shown(ex.Message)}", ex);
        }
    }

    private static string Replace(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = OutputFolder.TempFileFor(full);
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
