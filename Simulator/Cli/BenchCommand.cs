using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LookoutSim.Experiments.Bench;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim bench [kernel|model|plan] [--customers N] [--pairs N] [--scenario FILE] [--horizon D]
/// [--long-horizon D] [--runs N] [--replications R] [--skip memory,scaling,zone-loss] [--check] [--json]</c>:
/// measures the engine and the model on this machine and judges every figure against
/// <see cref="BenchTargets"/>; <c>plan</c> (only when named) times the planner. A measurement:
/// exit 0 whatever the figures, unless <c>--check</c>.
/// </summary>
public static class BenchCommand
{
    private static readonly Argument<string?> Target = CreateTarget();

    private static readonly Option<long> Customers = new("--customers")
    {
        Description = "Customers in each timed run of the kernel benchmark (engine or bare loop), and in each run of the bare loop the model is measured against.",
        HelpName = "N",
        DefaultValueFactory = _ => 10_000_000,
    };

    private static readonly Option<int> Pairs = new("--pairs")
    {
        Description = "Timed pairs of the kernel benchmark (bare loop and engine, interleaved); the median of their ratios is judged.",
        HelpName = "N",
        DefaultValueFactory = _ => KernelBenchmark.DefaultPairs,
    };

    private static readonly Option<string?> ScenarioFile = new("--scenario")
    {
        Description = "Scenario of the model benchmark (default samples/bench.yaml), or of the plan benchmark (default samples/three-zones-outage.yaml).",
        HelpName = "SCENARIO",
    };

    private static readonly Option<string?> Horizon = new("--horizon")
    {
        Description = "Simulated horizon of the model benchmark, e.g. 2h (default: the scenario's); under 7d the speed, memory and scaling figures are not judged.",
        HelpName = "DURATION",
    };

    private static readonly Option<string> LongHorizon = new("--long-horizon")
    {
        Description = "Horizon of the second memory probe, to show memory is flat in the horizon.",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "30d",
    };

    private static readonly Option<int> Runs = new("--runs")
    {
        Description = "Timed single-threaded runs of the model (the median is reported), or timed runs of each plan (the fastest is reported).",
        HelpName = "N",
        DefaultValueFactory = _ => 3,
    };

    private static readonly Option<int> Replications = new("--replications")
    {
        Description = "Replications timed on 1 thread and on 2 for the scaling figure.",
        HelpName = "N",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<string[]> Skip = new("--skip")
    {
        Description = "Parts not to run: memory, scaling (model benchmark), zone-loss (plan benchmark); comma-separated or repeated.",
        HelpName = "PART",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Exit 1 when a measured figure misses its target.",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object keyed kernel and model on stdout.",
    };

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("bench", "Measures the engine and the model on this machine and judges each figure against its target.")
        {
            Target, Customers, Pairs, ScenarioFile, Horizon, LongHorizon, Runs, Replications, Skip, Check, Json,
        };
        command.Subcommands.Add(BenchMemoryProbe.Create());
        command.SetAction(parsed => Execute(parsed, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Exit code of a bench run: <see cref="ExitCodes.CheckFailed"/> when <paramref name="check"/> is
    /// set and a measured figure misses its target, <see cref="ExitCodes.Ok"/> otherwise.
    /// </summary>
    internal static int ExitCode(IEnumerable<TargetVerdict> verdicts, bool check) =>
        check && !BenchTargets.AllMet(verdicts) ? ExitCodes.CheckFailed : ExitCodes.Ok;

    /// <summary>Loads <paramref name="file"/> with its horizon replaced by <paramref name="horizon"/> (when given); bad input is a <see cref="UsageException"/>.</summary>
    internal static ScenarioLoadResult LoadScenario(string file, string? horizon, string horizonOption)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"{file}: not found; run from the repository root or pass --scenario FILE");
        }

        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, horizon is null ? [] : [$"horizon={horizon}"]);
        if (!loaded.IsValid)
        {
            string errors = string.Join(Environment.NewLine, loaded.Errors);
            throw new UsageException(horizon is null ? errors : $"{horizonOption} {horizon}: {errors}");
        }

        return loaded;
    }

    /// <summary>The parts named by <c>--skip</c> (comma-separated or repeated): memory, scaling.</summary>
    internal static IReadOnlySet<string> ParseSkip(IEnumerable<string> values)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            string p = part.ToLowerInvariant();
            if (p is not ("memory" or "scaling" or "zone-loss"))
            {
                throw new UsageException($"--skip: unknown part '{part}' (expected memory, scaling, zone-loss)");
            }

            parts.Add(p);
        }

        return parts;
    }

    private static Argument<string?> CreateTarget()
    {
        var target = new Argument<string?>("TARGET")
        {
            Description = "What to measure: kernel (the engine alone, M/M/5), model (samples/bench.yaml), or plan (the wall time of plan samples/three-zones-outage.yaml, and with --zone-loss); kernel and model when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        target.AcceptOnlyFromAmong("kernel", "model", "plan");
        return target;
    }

    private static int Execute(ParseResult parsed, TextWriter stdout, TextWriter stderr)
    {
        string? target = parsed.GetValue(Target);
        long customers = parsed.GetValue(Customers);
        int runs = parsed.GetValue(Runs);
        int pairs = parsed.GetValue(Pairs);
        int replications = parsed.GetValue(Replications);
        bool json = parsed.GetValue(Json);
        if (customers < 1000)
        {
            throw new UsageException($"--customers must be at least 1000 (got {customers.ToString(C)})");
        }

        if (pairs < 1)
        {
            throw new UsageException($"--pairs must be at least 1 (got {pairs.ToString(C)})");
        }

        if (runs < 1)
        {
            throw new UsageException($"--runs must be at least 1 (got {runs.ToString(C)})");
        }

        if (replications < 1)
        {
            throw new UsageException($"--replications must be at least 1 (got {replications.ToString(C)})");
        }

        IReadOnlySet<string> skip = ParseSkip(parsed.GetValue(Skip) ?? []);
        var report = new JsonObject();
        var verdicts = new List<TargetVerdict>();

        if (target == "plan")
        {
            string file = parsed.GetValue(ScenarioFile) ?? Path.Combine("samples", "three-zones-outage.yaml");
            PlanBenchResult p = BenchPlan.Measure(file, runs, Environment.ProcessorCount, !skip.Contains("zone-loss"), stderr);
            IReadOnlyList<TargetVerdict> judged = BenchTargets.Judge(p);
            verdicts.AddRange(judged);
            report["plan"] = new JsonObject
            {
                ["scenario"] = p.Scenario,
                ["parallel"] = p.Parallel,
                ["base"] = PlanCaseJson(p.Base),
                ["zone_loss"] = PlanCaseJson(p.ZoneLoss),
                ["targets"] = TargetsJson(judged),
            };
            if (!json)
            {
                BenchPlan.Write(stdout, p, judged);
            }
        }
        else if (target is null or "model")
        {
            // Load (and so validate) everything before the kernel spends its ten seconds.
            string file = parsed.GetValue(ScenarioFile) ?? Path.Combine("samples", "bench.yaml");
            string? horizon = parsed.GetValue(Horizon);
            string longHorizon = parsed.GetValue(LongHorizon)!;
            ScenarioLoadResult loaded = LoadScenario(file, horizon, "--horizon");
            if (!skip.Contains("memory"))
            {
                ScenarioLoadResult longLoaded = LoadScenario(file, longHorizon, "--long-horizon");
                if (longLoaded.Scenario!.Horizon <= loaded.Scenario!.Horizon)
                {
                    throw new UsageException($"--long-horizon {longHorizon} must be longer than the horizon ({Duration(loaded.Scenario.Horizon)})");
                }
            }

            if (target is null)
            {
                RunKernel(customers, pairs, json, stdout, stderr, report, verdicts);
            }

            ModelBenchResult m = MeasureModel(file, loaded, horizon, longHorizon, runs, customers, replications, skip, stderr);
            IReadOnlyList<TargetVerdict> judged = BenchTargets.Judge(m);
            verdicts.AddRange(judged);
            report["model"] = ModelJson(m, judged);
            if (!json)
            {
                WriteModel(stdout, m, judged);
            }
        }
        else
        {
            RunKernel(customers, pairs, json, stdout, stderr, report, verdicts);
        }

        if (json)
        {
            stdout.WriteLine(report.ToJsonString(JsonOutput.Options));
        }

        return ExitCode(verdicts, parsed.GetValue(Check));
    }

    private static void RunKernel(long customers, int pairs, bool json, TextWriter stdout, TextWriter stderr, JsonObject report, List<TargetVerdict> verdicts)
    {
        stderr.WriteLine($"bench kernel: M/M/5, λ=4.5/s, μ=1/s, after a warm-up {pairs.ToString(C)} pair(s) of the bare loop and the engine (pooled customers, and lean), {customers.ToString("N0", C)} customers each …");
        KernelBenchResult k = KernelBenchmark.Run(customers, pairs);
        IReadOnlyList<TargetVerdict> judged = BenchTargets.Judge(k);
        verdicts.AddRange(judged);
        report["kernel"] = new JsonObject
        {
            ["customers"] = k.Customers,
            ["pairs"] = k.Pairs,
            ["customers_per_s"] = Math.Round(k.CustomersPerS),
            ["customers_per_s_runs"] = new JsonArray([.. k.CustomersPerSRuns.Select(r => (JsonNode)Math.Round(r))]),
            ["events_per_s"] = Math.Round(k.EventsPerS),
            ["alloc_bytes_per_customer"] = Math.Round(k.AllocBytesPerCustomer, 3),
            ["wq_s"] = Math.Round(k.WqS, 4),
            ["wq_theory_s"] = Math.Round(k.WqTheoryS, 4),
            ["floor_customers_per_s"] = Math.Round(k.FloorCustomersPerS),
            ["floor_customers_per_s_runs"] = new JsonArray([.. k.FloorCustomersPerSRuns.Select(r => (JsonNode)Math.Round(r))]),
            ["ratio_to_floor"] = Math.Round(k.RatioToFloor, 3),
            ["ratio_to_floor_runs"] = new JsonArray([.. k.RatioRuns.Select(r => (JsonNode)Math.Round(r, 3))]),
            ["ratio_to_floor_min"] = Math.Round(k.RatioMin, 3),
            ["ratio_to_floor_max"] = Math.Round(k.RatioMax, 3),
            ["ratio_to_floor_cpu"] = Math.Round(k.RatioToFloorCpu, 3),
            ["floor_wq_s"] = Math.Round(k.FloorWqS, 4),
            ["lean_customers_per_s"] = Math.Round(k.LeanCustomersPerS),
            ["lean_floor_customers_per_s"] = Math.Round(k.LeanFloorCustomersPerS),
            ["lean_ratio_to_floor"] = Math.Round(k.LeanRatioToFloor, 3),
            ["lean_ratio_to_floor_runs"] = new JsonArray([.. k.LeanRatioRuns.Select(r => (JsonNode)Math.Round(r, 3))]),
            ["lean_ratio_to_floor_cpu"] = Math.Round(k.LeanRatioToFloorCpu, 3),
            ["lean_wq_s"] = Math.Round(k.LeanWqS, 4),
            ["lean_floor_wq_s"] = Math.Round(k.LeanFloorWqS, 4),
            ["targets"] = TargetsJson(judged),
        };
        if (!json)
        {
            WriteKernel(stdout, k, judged);
        }
    }

    private static ModelBenchResult MeasureModel(
        string file, ScenarioLoadResult loaded, string? horizon, string longHorizon, int runs, long customers, int replications, IReadOnlySet<string> skip, TextWriter stderr)
    {
        string at = Duration(loaded.Scenario!.Horizon);
        stderr.WriteLine($"bench model: {file} at {at}, a warm-up then {runs.ToString(C)} timed run(s), single-threaded, each after the bare M/M/5 loop ({customers.ToString("N0", C)} customers) …");
        ModelSpeedResult speed = ModelBenchmark.Speed(loaded, TraceFiles.Instance, runs, customers, (run, total) =>
            stderr.WriteLine(string.Create(C, $"bench model: run {run}/{total} …")));

        ModelMemoryResult? memory = null;
        if (!skip.Contains("memory"))
        {
            stderr.WriteLine($"bench model: memory, one replication at {at} in a fresh process …");
            MemoryProbeResult shortProbe = BenchMemoryProbe.RunChild(file, horizon);
            stderr.WriteLine($"bench model: memory, one replication at {longHorizon} in a fresh process …");
            MemoryProbeResult longProbe = BenchMemoryProbe.RunChild(file, longHorizon);
            memory = new ModelMemoryResult(shortProbe, longProbe);
        }

        ModelScalingResult? scaling = null;
        if (!skip.Contains("scaling"))
        {
            int threads = Math.Min(2, Environment.ProcessorCount);
            if (threads == 1)
            {
                stderr.WriteLine("bench model: scaling, one core: the speed-up is not measured");
            }

            scaling = ModelBenchmark.Scaling(loaded, TraceFiles.Instance, replications, threads, t =>
                stderr.WriteLine(string.Create(C, $"bench model: scaling, {replications} replications on {t} {(t == 1 ? "thread" : "threads")} …")));
        }

        return new ModelBenchResult(speed, memory, scaling);
    }

    private static JsonObject ModelJson(ModelBenchResult m, IReadOnlyList<TargetVerdict> judged)
    {
        ModelSpeedResult s = m.Speed;
        var json = new JsonObject
        {
            ["scenario"] = s.Scenario,
            ["horizon_s"] = s.HorizonS,
            ["requests"] = s.Requests,
            ["requests_per_s"] = Math.Round(s.RequestsPerS),
            ["events_per_s"] = Math.Round(s.EventsPerS),
            ["alloc_bytes_per_request"] = Math.Round(s.AllocBytesPerRequest, 3),
            ["peak_working_set_mb"] = Math.Round(s.PeakWorkingSetMb, 1),
            ["requests_per_s_runs"] = new JsonArray([.. s.RequestsPerSRuns.Select(r => (JsonNode)Math.Round(r))]),
            ["floor_customers_per_s"] = Math.Round(s.FloorCustomersPerS),
            ["floor_customers_per_s_runs"] = new JsonArray([.. s.FloorCustomersPerSRuns.Select(r => (JsonNode)Math.Round(r))]),
            ["floor_ratio"] = Math.Round(s.FloorRatio, 3),
            ["floor_ratio_runs"] = new JsonArray([.. s.FloorRatioRuns.Select(r => (JsonNode)Math.Round(r, 3))]),
            ["floor_ratio_cpu"] = Math.Round(s.FloorRatioCpu, 3),
            ["floor_ratio_cpu_runs"] = new JsonArray([.. s.FloorRatioCpuRuns.Select(r => (JsonNode)Math.Round(r, 3))]),
            ["memory"] = m.Memory is { } mem
                ? new JsonObject
                {
                    ["horizon_s"] = mem.Horizon.HorizonS,
                    ["requests"] = mem.Horizon.Requests,
                    ["peak_working_set_mb"] = Math.Round(mem.Horizon.PeakWorkingSetMb, 1),
                    ["long_horizon_s"] = mem.LongHorizon.HorizonS,
                    ["long_requests"] = mem.LongHorizon.Requests,
                    ["long_peak_working_set_mb"] = Math.Round(mem.LongHorizon.PeakWorkingSetMb, 1),
                    ["ratio"] = Math.Round(mem.Ratio, 3),
                }
                : null,
            ["scaling"] = m.Scaling is { } sc
                ? new JsonObject
                {
                    ["replications"] = sc.Replications,
                    ["threads"] = sc.Threads,
                    ["seconds_one_thread"] = Math.Round(sc.SecondsOneThread, 3),
                    ["seconds_parallel"] = sc.SecondsParallel is double p ? Math.Round(p, 3) : null,
                    ["speedup"] = sc.Speedup is double x ? Math.Round(x, 3) : null,
                }
                : null,
            ["targets"] = TargetsJson(judged),
        };
        return json;
    }

    private static JsonObject? PlanCaseJson(PlanCaseResult? r) => r is null
        ? null
        : new JsonObject
        {
            ["command"] = r.Arguments,
            ["wall_s"] = Math.Round(r.FastestS, 2),
            ["wall_s_runs"] = new JsonArray([.. r.WallS.Select(w => (JsonNode)Math.Round(w, 2))]),
            ["answer"] = r.Answer,
            ["candidates"] = r.Candidates,
            ["search"] = new JsonArray([.. r.Search.Select(x => (JsonNode)x)]),
        };

    private static JsonArray TargetsJson(IReadOnlyList<TargetVerdict> judged) =>
        new([.. judged.Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Target.Name,
            ["unit"] = v.Target.Unit,
            ["value"] = v.Value is double d ? Math.Round(d, Math.Abs(d) >= 1000 ? 0 : 3) : null,
            ["bound"] = v.Target.Bound,
            ["comparison"] = v.Target.Comparison == BenchComparison.AtLeast ? "at_least" : "at_most",
            ["met"] = v.Met,
            ["not_judged"] = v.NotJudged,
        })]);

    private static void WriteKernel(TextWriter o, KernelBenchResult k, IReadOnlyList<TargetVerdict> judged)
    {
        var table = new BenchTable("kernel (M/M/5 on the engine)", judged);
        table.Info("customers", k.Customers.ToString("N0", C), string.Create(C, $"each timed run; {k.Pairs} pair(s) after a warm-up"));
        table.Judged(BenchTargets.KernelCustomersPerS, "median");
        table.Info("events_per_s", k.EventsPerS.ToString("N0", C));
        table.Judged(BenchTargets.KernelAllocBytesPerCustomer);
        table.Info("wq_s", k.WqS.ToString("F4", C), $"Erlang C {k.WqTheoryS.ToString("F4", C)}; bare loop {k.FloorWqS.ToString("F4", C)}");
        table.Info("floor_customers_per_s", k.FloorCustomersPerS.ToString("N0", C), "bare PriorityQueue loop, the same pooled customers, same process, median");
        table.Judged(BenchTargets.KernelRatioToFloor, string.Create(C, $"median of the paired ratios, spread {k.RatioMin.ToString("F3", C)}–{k.RatioMax.ToString("F3", C)}"));
        table.Info("ratio_to_floor_cpu", k.RatioToFloorCpu.ToString("F3", C), "the same ratio in process CPU time, median");
        for (int i = 0; i < k.Pairs; i++)
        {
            table.Info(
                string.Create(C, $"  pair {i + 1}"),
                k.CustomersPerSRuns[i].ToString("N0", C),
                string.Create(C, $"floor {k.FloorCustomersPerSRuns[i].ToString("N0", C)}, ratio {k.RatioRuns[i].ToString("F3", C)}{(i % 2 == 0 ? "" : ", engine first")}"));
        }

        table.Info("lean_customers_per_s", k.LeanCustomersPerS.ToString("N0", C), "lean pair, not judged: the engine with the least work (a queue of arrival times), median");
        table.Info("lean_floor_customers_per_s", k.LeanFloorCustomersPerS.ToString("N0", C), "the bare loop with that work, median");
        table.Info(
            "lean_ratio_to_floor",
            k.LeanRatioToFloor.ToString("F3", C),
            string.Create(C, $"median of the lean pairs' ratios ({string.Join(", ", k.LeanRatioRuns.Select(r => r.ToString("F3", C)))}); CPU {k.LeanRatioToFloorCpu.ToString("F3", C)}"));
        table.Info("lean_wq_s", k.LeanWqS.ToString("F4", C), $"bare loop {k.LeanFloorWqS.ToString("F4", C)}");
        table.Write(o);
    }

    private static void WriteModel(TextWriter o, ModelBenchResult m, IReadOnlyList<TargetVerdict> judged)
    {
        ModelSpeedResult s = m.Speed;
        var table = new BenchTable(string.Create(C, $"model ({s.Scenario}, {Duration(s.HorizonS)} simulated)"), judged);
        table.Info("requests", s.Requests.ToString("N0", C));
        table.Judged(BenchTargets.ModelFloorRatio, string.Create(C, $"median of {s.RequestsPerSRuns.Count}: requests/s over the bare loop's customers/s"));
        table.Info("requests_per_s", s.RequestsPerS.ToString("N0", C), "median");
        table.Info("floor_customers_per_s", s.FloorCustomersPerS.ToString("N0", C), "bare M/M/5 PriorityQueue loop, median");
        table.Info("floor_ratio_cpu", s.FloorRatioCpu.ToString("F3", C), "the same ratio in process CPU time, median: steadier on a shared machine");
        for (int i = 0; i < s.RequestsPerSRuns.Count; i++)
        {
            table.Info(
                string.Create(C, $"  run {i + 1}"),
                s.RequestsPerSRuns[i].ToString("N0", C),
                string.Create(C, $"floor {s.FloorCustomersPerSRuns[i].ToString("N0", C)}, ratio {s.FloorRatioRuns[i].ToString("F3", C)}"));
        }

        table.Info("events_per_s", s.EventsPerS.ToString("N0", C), "median");
        table.Info("alloc_bytes_per_request", s.AllocBytesPerRequest.ToString("F3", C), "whole replication, last run");
        table.Info("peak_working_set_mb", s.PeakWorkingSetMb.ToString("F1", C), "this process, after the runs");
        if (m.Memory is { } mem)
        {
            table.Judged(BenchTargets.ModelPeakWorkingSetMb, string.Create(C, $"fresh process, {Duration(mem.Horizon.HorizonS)}, {mem.Horizon.Requests:N0} requests"));
            table.Judged(BenchTargets.ModelLongPeakWorkingSetMb, string.Create(C, $"fresh process, {Duration(mem.LongHorizon.HorizonS)}, {mem.LongHorizon.Requests:N0} requests"));
            table.Judged(BenchTargets.ModelMemoryRatio);
        }
        else
        {
            table.Judged(BenchTargets.ModelPeakWorkingSetMb, "skipped");
            table.Judged(BenchTargets.ModelLongPeakWorkingSetMb, "skipped");
            table.Judged(BenchTargets.ModelMemoryRatio, "skipped");
        }

        if (m.Scaling is { } sc)
        {
            table.Info("scaling.seconds_one_thread", sc.SecondsOneThread.ToString("F2", C), string.Create(C, $"{sc.Replications} replications"));
            if (sc.SecondsParallel is double p)
            {
                table.Info("scaling.seconds_parallel", p.ToString("F2", C), string.Create(C, $"{sc.Threads} threads"));
            }

            table.Judged(BenchTargets.ModelSpeedup, sc.Speedup is null ? "one core: not measured" : null);
        }
        else
        {
            table.Judged(BenchTargets.ModelSpeedup, "skipped");
        }

        table.Write(o);
    }

    private static string Duration(TimeSpan t) => ScenarioValues.FormatDuration(t);

    private static string Duration(double seconds) => ScenarioValues.FormatDuration(TimeSpan.FromSeconds(seconds));
}
