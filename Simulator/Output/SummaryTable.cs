using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// The summary a run prints on stdout: a header line, one aligned row per measure (mean, 95%
/// confidence interval — n/a for one replication —, min, max, in one number style per row; measures
/// with no value in any replication are left out), then one line per SLO with its verdict, the rule
/// that decided it (the 95% bound on the far side), the value judged and its margin to the target,
/// and the overall verdict. Plain text, no colour, so it reads
/// the same in a terminal, a CI log or a file.
/// </summary>
public static class SummaryTable
{
    private static readonly string[] Header = ["measure", "unit", "mean", "95% CI", "min", "max"];

    /// <summary>Writes the summary of <paramref name="result"/>.</summary>
    public static void Write(RunResult result, TextWriter output)
    {
        output.WriteLine($"{DisplayText.Safe(result.Scenario)}: {result.Replications.Count} replication(s) of {DisplayText.Duration(result.HorizonS)}, seed {result.Seed}");
        output.WriteLine();

        var rows = new List<string[]> { Header };
        foreach (MetricSummary m in result.Metrics)
        {
            if (double.IsNaN(m.Mean) && double.IsNaN(m.Min))
            {
                continue;
            }

            (string mean, string interval, string min, string max) = DisplayText.Row(m);
            rows.Add([m.Name, DisplayText.Unit(m.Unit, result.Currency), mean, interval, min, max]);
        }

        int[] widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        bool[] right = [false, false, true, true, true, true];
        for (int i = 0; i < rows.Count; i++)
        {
            string line = string.Join("  ", rows[i].Select((cell, c) => right[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
            output.WriteLine(line.TrimEnd());
            if (i == 0)
            {
                output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        output.WriteLine();
        if (DisplayText.DuringOutages(result) is { } outages)
        {
            output.WriteLine(outages);
            output.WriteLine();
        }

        if (result.Assumptions.Count > 0)
        {
            output.WriteLine("Assumes (uncertain fields at their nominal values):");
            foreach (string line in result.Assumptions)
            {
                output.WriteLine("  " + DisplayText.Safe(line, int.MaxValue));
            }

            output.WriteLine();
        }

        if (result.Slo.Count == 0)
        {
            output.WriteLine("SLO: none set");
            return;
        }

        int sloWidth = result.Slo.Max(s => DisplayText.SloTarget(s).Length);
        foreach (SloVerdict slo in result.Slo)
        {
            string verdict = slo.Met ? "MET   " : "MISSED";
            output.WriteLine($"SLO {DisplayText.SloTarget(slo).PadRight(sloWidth)}  {verdict}  {DisplayText.SloJudgement(slo)} ({slo.MetReplications} of {result.Replications.Count} replications met it)");
        }

        int missed = result.Slo.Count(s => !s.Met);
        output.WriteLine(missed == 0 ? $"All {result.Slo.Count} SLOs met." : $"{missed} of {result.Slo.Count} SLOs missed.");
    }
}
