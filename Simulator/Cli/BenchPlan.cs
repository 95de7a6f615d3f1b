using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LookoutSim.Experiments.Bench;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim bench plan</c>: times <c>plan SCENARIO</c> and <c>plan SCENARIO --zone-loss</c>
/// as a user runs them (the same command, in this process, writing its folder to a temporary
/// directory that is removed afterwards), each <c>--runs</c> times, and keeps the fastest.
/// </summary>
internal static class BenchPlan
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Runs the plans; progress on <paramref name="stderr"/>.</summary>
    /// <exception cref="UsageException">A plan ended with a usage or input error (its message).</exception>
    public static PlanBenchResult Measure(string scenario, int runs, int parallel, bool zoneLoss, TextWriter stderr)
    {
        if (!File.Exists(scenario))
        {
            throw new UsageException($"{scenario}: not found; run from the repository root or pass --scenario FILE");
        }

        PlanCaseResult? Case(bool loss)
        {
            string[] args = ["plan", scenario, "--parallel", parallel.ToString(C), "--json", .. loss ? new[] { "--zone-loss" } : []];
            string shown = string.Join(' ', args.Where(a => a is not "--json"));
            var search = new List<string>();
            var wall = new List<double>();
            string answer = "";
            int candidates = 0;
            for (int run = 1; run <= runs; run++)
            {
                stderr.WriteLine(string.Create(C, $"bench plan: {shown}, run {run}/{runs} …"));
                string folder = Path.Combine(Path.GetTempPath(), $"lookoutsim-bench-plan-{Environment.ProcessId}-{run}");
                using var stdout = new StringWriter(C);
                using var errors = new StringWriter(C);
                long started = Stopwatch.GetTimestamp();
                int code;
                try
                {
                    code = CommandLine.Run([.. args, "--out", folder, "--force"], stdout, errors);
                }
                finally
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }

                wall.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (code is not (ExitCodes.Ok or ExitCodes.CheckFailed))
                {
                    throw new UsageException($"bench plan: `{shown}` failed (exit {code.ToString(C)}): {errors.ToString().Trim()}");
                }

                using JsonDocument plan = JsonDocument.Parse(stdout.ToString());
                JsonElement a = plan.RootElement.GetProperty("answer");
                answer = a.ValueKind == JsonValueKind.Null
                    ? "none"
                    : string.Create(C, $"min_units {a.GetProperty("min_units").GetInt32()}, max_units {a.GetProperty("max_units").GetInt32()}, cost {a.GetProperty("cost").GetProperty("mean").GetDouble():0.##}");
                candidates = plan.RootElement.GetProperty("candidates").GetArrayLength();
                string? line = errors.ToString().Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(PlanCommand.SearchLinePrefix, StringComparison.Ordinal));
                search.Add(line is null ? "" : line[PlanCommand.SearchLinePrefix.Length..]);
                stderr.WriteLine(string.Create(C, $"bench plan: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; {answer}; {search[^1]}"));
            }

            return new PlanCaseResult(shown, wall, answer, candidates, search);
        }

        return new PlanBenchResult(scenario, parallel, Case(false), zoneLoss ? Case(true) : null);
    }

    /// <summary>The figures as a table.</summary>
    public static void Write(TextWriter o, PlanBenchResult p, IReadOnlyList<TargetVerdict> judged)
    {
        var table = new BenchTable(string.Create(C, $"plan ({p.Scenario}, {p.Parallel} workers, wall time, fastest of the runs)"), judged);
        void Rows(PlanCaseResult? r, BenchTarget target)
        {
            if (r is null)
            {
                table.Judged(target, "skipped");
                return;
            }

            table.Judged(target, r.Arguments);
            table.Info("  runs", string.Join(", ", r.WallS.Select(s => s.ToString("0.0", C))));
            // Long texts go in the last column, which is not padded, so the table stays narrow.
            table.Info("  answer", "", string.Create(C, $"{r.Answer} ({r.Candidates} candidates)"));
            table.Info("  search (fastest run)", "", r.Search[r.WallS.ToList().IndexOf(r.FastestS)]);
        }

        Rows(p.Base, BenchTargets.PlanSeconds);
        Rows(p.ZoneLoss, BenchTargets.PlanZoneLossSeconds);
        table.Write(o);
    }
}
