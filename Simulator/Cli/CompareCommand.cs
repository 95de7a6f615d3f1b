using System.CommandLine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim compare BASELINE CURRENT [--tolerance [MEASURE=]PCT]... [--markdown FILE] [--all] [--json] [--allow-different]</c>:
/// the regression check of two results folders (both runs or both sweeps), run the same way
/// (<see cref="ResultsComparability"/>).
/// </summary>
/// <remarks>
/// Exit 0 when nothing regressed, 1 when a measure regressed, 2 on bad input (a missing folder, a
/// folder that is not a results folder, a malformed CSV: every problem with file:line; two folders run
/// from another scenario file, horizon, warm-up, replications or seed, unless <c>--allow-different</c>).
/// </remarks>
public static class CompareCommand
{
    private static readonly Argument<string> Baseline = new("BASELINE")
    {
        Description = "The baseline results folder (a run's or a sweep's).",
    };

    private static readonly Argument<string> Current = new("CURRENT")
    {
        Description = "The results folder to check against it.",
    };

    private static readonly Option<string[]> Tolerance = new("--tolerance")
    {
        Description = "Relative tolerance: '3%' (or 0.03) for every measure, 'cost=1%' for one measure; repeatable. Default 5%.",
        HelpName = "[MEASURE=]PCT",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Markdown = new("--markdown")
    {
        Description = "Also append a GitHub-flavoured markdown summary to FILE (e.g. \"$GITHUB_STEP_SUMMARY\").",
        HelpName = "FILE",
    };

    private static readonly Option<bool> All = new("--all")
    {
        Description = "For sweeps, list every measure of every point (by default only those that are not ok).",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the comparison as one JSON object instead of the table.",
    };

    private static readonly Option<bool> AllowDifferent = new("--allow-different")
    {
        Description = "Compare folders run differently (another scenario file, horizon, warm-up, replications or seed); without it such a pair is refused (exit 2).",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("compare", "Regression check of two results folders (run or sweep): exit 1 if a measure regressed.");
        command.Arguments.Add(Baseline);
        command.Arguments.Add(Current);
        command.Options.Add(Tolerance);
        command.Options.Add(Markdown);
        command.Options.Add(All);
        command.Options.Add(Json);
        command.Options.Add(AllowDifferent);
        command.SetAction(parse => Execute(
            parse.GetValue(Baseline)!,
            parse.GetValue(Current)!,
            parse.GetValue(Tolerance) ?? [],
            parse.GetValue(Markdown),
            parse.GetValue(All),
            parse.GetValue(Json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            parse.GetValue(AllowDifferent)));
        return command;
    }

    /// <summary>Reads both folders, compares them, prints the table (and the markdown file); returns the exit code.</summary>
    public static int Execute(string baseline, string current, IReadOnlyList<string> tolerances, string? markdown, bool all, bool json, TextWriter stdout, TextWriter stderr, bool allowDifferent = false)
    {
        CompareTolerances tol;
        try
        {
            tol = CompareTolerances.Parse(tolerances);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        ResultsSet? b = ReadOrReport(baseline, stderr);
        ResultsSet? c = ReadOrReport(current, stderr);
        if (b is null || c is null)
        {
            return ExitCodes.BadInput;
        }

        IReadOnlyList<string> differences = ResultsComparability.Differences(b.Provenance, c.Provenance);
        if (differences.Count > 0)
        {
            string list = string.Concat(differences.Select(d => Environment.NewLine + "  " + DisplayText.SafeMessage(d)));
            if (!allowDifferent)
            {
                stderr.WriteLine($"error: {DisplayText.Safe(baseline)} and {DisplayText.Safe(current)} were not run the same way, so their measures are not comparable:{list}");
                stderr.WriteLine("  re-run one like the other, or pass --allow-different to compare them anyway");
                return ExitCodes.BadInput;
            }

            stderr.WriteLine($"warning: compared although the folders were run differently (--allow-different):{list}");
        }
        else if ((b.Provenance is null) != (c.Provenance is null))
        {
            string missing = b.Provenance is null ? baseline : current;
            stderr.WriteLine($"note: {DisplayText.Safe(missing)} has no summary.json: scenario, horizon, warm-up, replications and seed not checked");
        }

        var known = b.Points.Concat(c.Points).SelectMany(p => p.Metrics).Select(m => m.Name)
            .Concat(MeasureNames.All.Select(m => m.Name))
            .ToHashSet(StringComparer.Ordinal);
        if (tol.PerMeasure.Keys.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            throw new UsageException($"--tolerance {unknown}=…: no measure '{unknown}' in either folder (measures: {string.Join(", ", MeasureNames.All.Select(m => m.Name))})");
        }

        CompareReport report;
        try
        {
            report = CompareResults.Compare(b, c, tol);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex); // a run folder against a sweep folder
        }

        if (json)
        {
            ComparisonReportWriter.WriteJson(report, stdout);
        }
        else
        {
            ComparisonReportWriter.WriteText(report, stdout, all);
        }

        if (markdown is { Length: > 0 })
        {
            try
            {
                ComparisonReportWriter.AppendMarkdown(report, markdown);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write --markdown {markdown}: {ex.Message}", ex);
            }
        }

        return report.HasRegression ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static ResultsSet? ReadOrReport(string path, TextWriter stderr)
    {
        try
        {
            return ResultsSummaryReader.Read(path);
        }
        catch (InputFileException ex)
        {
            ex.WriteTo(stderr);
            return null;
        }
    }
}
