using System.Collections.Concurrent;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using S = LookoutSim.Scenarios;
using SweepPoint = LookoutSim.Experiments.SweepPoint;

namespace LookoutSim.Cli;

/// <summary>
/// Turns a scenario file (+ <c>--seed</c>, <c>--replications</c>, <c>--set</c>) into the sweep
/// and plan inputs that <c>sweep</c> and <c>plan</c> run: the points of its <c>sweep</c> section
/// (a scenario without one is a single point), the simulator as the evaluator, and the full
/// results folder as each point's folder.
/// </summary>
/// <remarks>
/// Every point and every planner candidate runs replication r with the streams of (seed, r):
/// common random numbers, so differences between points are the configuration's. Points the
/// planner makes (other min/max units, target, a zone lost) are loaded from the file with their
/// parameters as extra <c>--set</c> overrides; compiled configurations are cached per point.
/// </remarks>
public static class ScenarioSweep
{
    /// <summary>
    /// Resolves <paramref name="path"/> (what <c>sweep</c> and <c>plan</c> call for scenario files): a sweep
    /// over the point limit is refused before its points are built, every trace is read through, and the
    /// work is estimated (<see cref="SweepSetup.Work"/>) for the command to check against its limits.
    /// </summary>
    /// <exception cref="InvalidDataException">The scenario (or a sweep point) has errors; the message lists every one.</exception>
    public static SweepSetup Resolve(string path, SweepOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        List<string> sets = BaseOverrides(overrides);
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path, sets);
        if (!loaded.IsValid)
        {
            throw new InvalidDataException(Describe(path, loaded.Errors));
        }

        // Counted before the points are built: a million points would take minutes and gigabytes to expand.
        WorkCheck.CheckPointCount(loaded.Scenario!, overrides.IKnow);
        IReadOnlyList<S.SweepPoint> expanded = SweepExpander.Expand(loaded, out IReadOnlyList<Diagnostic> problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(Describe(path, problems));
        }

        WorkEstimate work = WorkEstimator.Estimate([.. expanded.Select(p => p.Scenario)], overrides.IKnow, out IReadOnlyList<Diagnostic> traceProblems);
        if (traceProblems.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidDataException(Describe(path, traceProblems.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        Scenario scenario = loaded.Scenario!;
        var known = expanded.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var points = expanded.Select(p => new SweepPoint(p.Id, [.. p.Parameters])).ToList();
        ulong seed = unchecked((ulong)scenario.Seed);
        SloTargets slo = ScenarioCompiler.Slo(scenario);
        var definition = new SweepDefinition
        {
            Name = scenario.Name,
            ScenarioSha256 = loaded.Sha256,
            Seed = seed,
            Replications = scenario.Replications,
            Fields = scenario.Sweep is { } sweep ? [.. sweep.Parameters.Select(p => p.Path)] : [],
            Points = points,
            HorizonS = scenario.Horizon.TotalSeconds,
            WarmupS = scenario.Warmup.TotalSeconds,
            Slo = slo,
            Currency = scenario.Billing.Currency,
        };

        var cache = new ConcurrentDictionary<string, Lazy<(Scenario Scenario, string Yaml, ModelConfig Config)>>(StringComparer.Ordinal);
        (Scenario Scenario, string Yaml, ModelConfig Config) Compiled(SweepPoint point) =>
            cache.GetOrAdd(Key(point), _ => new Lazy<(Scenario, string, ModelConfig)>(() => Compile(path, sets, known, point))).Value;

        var model = new SweepModel
        {
            Evaluate = (point, r, ct) => ReplicationRunner.Run(Compiled(point).Config, seed, r, ct),
            Summarize = Summaries.Summarize,
            Verdicts = (_, replications, _) => Summaries.Verdicts(replications, slo),
            BuildRunResult = (def, point, replications, summary, verdicts) =>
            {
                (Scenario s, string yaml, _) = Compiled(point);
                return new RunResult
                {
                    Version = ScenarioRun.ToolVersion,
                    Scenario = s.Name,
                    ScenarioSha256 = def.ScenarioSha256,
                    Seed = def.Seed,
                    HorizonS = s.Horizon.TotalSeconds,
                    WarmupS = s.Warmup.TotalSeconds,
                    IntervalS = s.Interval.TotalSeconds,
                    Zones = [.. s.Deployment.Zones],
                    Currency = s.Billing.Currency,
                    Metrics = summary,
                    Slo = verdicts,
                    Replications = replications,
                    ResolvedScenarioYaml = yaml,
                    PresetNotes = ScenarioRun.PresetNotes(s.Provider),
                };
            },
        };

        SweepPoint basePoint = points.Count == 1 && points[0].Parameters.Count == 0 ? new SweepPoint("base", []) : points[0];
        return new SweepSetup(definition, model, WritePoint)
        {
            Inputs = ReadFiles(path, scenario),
            Warnings = [.. loaded.Diagnostics.Concat(traceProblems).Where(d => d.Severity != DiagnosticSeverity.Error).Select(d => d.ToString())],
            Work = work,
            Plan = new PlanInputs(
                basePoint,
                slo,
                PeakTps(scenario),
                RatedTpsPerUnit(scenario),
                [.. scenario.Deployment.Zones],
                BusiestHourS(scenario),
                scenario.Billing.Currency)
            {
                Schedule = [.. scenario.Schedule
                    .Select((e, i) => new ScheduleBounds(i, e.MinUnits, e.MaxUnits))
                    .Where(e => e.MinUnits is not null || e.MaxUnits is not null)],
                StartLeadLimitS = scenario.Schedule.Any(e => e.Action == S.ScheduleAction.Start)
                    ? scenario.Deployment.ModelStart.Max.TotalSeconds + 1800
                    : 0,
                Apply = answer => ApplyPlan(path, sets, loaded, basePoint, answer),
            },
        };
    }

    /// <summary>The files a run of <paramref name="scenario"/> reads: the scenario file and its trace files (never replaced by <c>--force</c>).</summary>
    public static IReadOnlyList<string> ReadFiles(string? scenarioFile, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var files = new List<string>();
        if (scenarioFile is not null)
        {
            files.Add(scenarioFile);
        }

        files.AddRange(scenario.Traffic.Where(t => t.Trace is not null).Select(t => t.Trace!.File));
        return files;
    }

    /// <summary>Writes a point's full results folder (CSV, JSON, scenario, charts, report) into its folder under <c>points/</c>.</summary>
    private static void WritePoint(SweepPoint point, RunResult result, string dir) =>
        ResultsFolder.Write(result, dir, new ResultsWriteOptions { Force = true, ReportDate = ReportDate.Now() });

    /// <summary>Demand at the busiest moment, calls/s, summed over the traffic sources.</summary>
    /// <remarks>
    /// poisson: its rate; daily: rate × max(profile) × max(weekday); steps: the largest step;
    /// bursty: the burst rate; closed: clients ÷ mean service time (each client keeps one call in
    /// flight); trace: not estimated (contributes 0).
    /// </remarks>
    public static double PeakTps(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double total = 0;
        foreach (S.TrafficSource t in scenario.Traffic)
        {
            total += t.Pattern switch
            {
                TrafficPattern.Poisson => t.Rate,
                TrafficPattern.Daily => t.Rate * (t.Profile.Count == 0 ? 1 : t.Profile.Max()) * MaxWeekday(t.Weekdays),
                TrafficPattern.Steps => t.Steps.Count == 0 ? 0 : t.Steps.Max(s => s.Rate),
                TrafficPattern.Bursty => t.Bursts?.BurstRate ?? 0,
                TrafficPattern.Closed => t.Closed is null ? 0 : t.Closed.Clients / MeanService(scenario.Service, t.Images.Count > 0 ? t.Images : scenario.Images),
                TrafficPattern.Trace => BusiestTraceHour(scenario, t)?.RatePerS ?? 0,
                _ => 0,
            };
        }

        return total;
    }

    /// <summary>Rated calls/s of one unit: concurrency ÷ E[S] over the scenario's image mix.</summary>
    public static double RatedTpsPerUnit(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Service.Concurrency / MeanService(scenario.Service, scenario.Images);
    }

    /// <summary>
    /// Start of the busiest hour, seconds from the scenario start: for daily traffic the hour of
    /// the largest profile multiplier on the first full day after the warm-up; else for trace
    /// traffic the trace's busiest hour; otherwise (or when that hour is past the horizon) the
    /// middle of the horizon.
    /// </summary>
    public static double BusiestHourS(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double horizon = scenario.Horizon.TotalSeconds;
        double middle = Math.Max(0, (horizon / 2) - 1800);
        S.TrafficSource? daily = scenario.Traffic.Where(t => t.Pattern == TrafficPattern.Daily).OrderByDescending(t => t.Rate).FirstOrDefault();
        if (daily is null || daily.Profile.Count == 0)
        {
            // A recorded trace knows its own busiest hour; the busiest of them, if any.
            TraceHour? busiest = scenario.Traffic
                .Where(t => t.Pattern == TrafficPattern.Trace)
                .Select(t => BusiestTraceHour(scenario, t))
                .Where(h => h is not null)
                .MaxBy(h => h!.Value.RatePerS);
            return busiest is { } h && h.StartS + 3600 <= horizon ? h.StartS : middle;
        }

        DateTimeOffset local = TimeZoneInfo.ConvertTime(scenario.Start, scenario.Timezone);
        double midnight = (86400 - local.TimeOfDay.TotalSeconds) % 86400;
        while (midnight < scenario.Warmup.TotalSeconds)
        {
            midnight += 86400;
        }

        double slot = 86400.0 / daily.Profile.Count;
        int peak = 0;
        for (int i = 1; i < daily.Profile.Count; i++)
        {
            if (daily.Profile[i] > daily.Profile[peak])
            {
                peak = i;
            }
        }

        double at = midnight + (peak * slot);
        return at + 3600 <= horizon ? at : middle;
    }

    /// <summary>The busiest hour of trace source <paramref name="t"/> as the model replays it (speed, scale, horizon).</summary>
    private static TraceHour? BusiestTraceHour(Scenario scenario, S.TrafficSource t)
    {
        ModelConfig config = ScenarioCompiler.Compile(scenario);
        var trace = (TraceTraffic)config.Traffic.Single(c => c.Name == t.Name);
        return TracePeak.Busiest(trace.Source, trace.Speed, trace.Scale, config.Horizon);
    }

    private static double MaxWeekday(WeekdayMultipliers w) =>
        new[] { w.Mon, w.Tue, w.Wed, w.Thu, w.Fri, w.Sat, w.Sun }.Max();

    private static double MeanService(ServiceSpec service, IReadOnlyList<S.ImageSpec> images)
    {
        double shares = images.Sum(i => i.Share);
        double mean = service.Base.TotalSeconds;
        if (shares > 0)
        {
            foreach (S.ImageSpec i in images)
            {
                double mp = (double)i.Width * i.Height / 1e6;
                mean += i.Share / shares * ((service.PerMegapixel.TotalSeconds * mp) + (service.PerMegabyte.TotalSeconds * i.SizeMb));
            }
        }

        return mean;
    }

    private static List<string> BaseOverrides(SweepOverrides overrides)
    {
        var sets = new List<string>();
        if (overrides.Seed is ulong seed)
        {
            sets.Add(string.Create(CultureInfo.InvariantCulture, $"seed={seed}"));
        }

        if (overrides.Replications is int reps)
        {
            sets.Add(string.Create(CultureInfo.InvariantCulture, $"replications={reps}"));
        }

        sets.AddRange(overrides.Sets);
        return sets;
    }

    private static string Key(SweepPoint point) =>
        point.Id + "\u001e" + string.Join('\u001f', point.Parameters.Select(p => p.Key + "=" + p.Value));

    private static (Scenario, string, ModelConfig) Compile(string path, List<string> sets, Dictionary<string, S.SweepPoint> known, SweepPoint point)
    {
        (string Zone, double At)? zoneLoss = ScenarioCompiler.ParseZoneLoss(point.Get(SweepPoint.ZoneLossParameter));
        double lead = point.Get(SweepPoint.StartLeadParameter) is { } l ? double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        var parameters = point.Parameters.Where(p => p.Key is not (SweepPoint.ZoneLossParameter or SweepPoint.StartLeadParameter)).ToList();
        if (known.TryGetValue(point.Id, out S.SweepPoint? expanded) && expanded.Parameters.SequenceEqual(parameters))
        {
            return (expanded.Scenario, expanded.ResolvedYaml, ScenarioCompiler.Compile(expanded.Scenario, 0, zoneLoss, lead));
        }

        // A point the planner made: the file with the base overrides and the point's parameters on top.
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path, [.. sets, .. parameters.Select(p => p.Key + "=" + p.Value)]);
        if (!loaded.IsValid)
        {
            throw new InvalidDataException(Describe($"{path} ({point.Describe()})", loaded.Errors));
        }

        return (loaded.Scenario!, loaded.ToResolvedYaml(), ScenarioCompiler.Compile(loaded.Scenario!, 0, zoneLoss, lead));
    }

    /// <summary>
    /// The scenario with a plan's answer in it: the base point's values as a sweep point's, the
    /// answer's (min/max units, target, schedule bounds, the start lead moved into the start entries) marked <c>plan</c>.
    /// </summary>
    private static AppliedPlan ApplyPlan(string path, List<string> sets, ScenarioLoadResult loaded, SweepPoint basePoint, SweepPoint answer)
    {
        Scenario scenario = loaded.Scenario!;
        double lead = answer.Get(SweepPoint.StartLeadParameter) is { } l ? double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        IReadOnlyList<KeyValuePair<string, string>>? leadSets = StartLeadShift.Sets(scenario, lead, out string? leadProblem);
        var planned = answer.Parameters
            .Where(p => p.Key is not (SweepPoint.ZoneLossParameter or SweepPoint.StartLeadParameter)
                && (basePoint.Get(p.Key) != p.Value || p.Key is "deployment.min_units" or "deployment.max_units" or "autoscaling.target" || p.Key.StartsWith("schedule[", StringComparison.Ordinal)))
            .Concat(leadSets ?? [])
            .ToList();
        var swept = basePoint.Parameters.Where(b => planned.All(p => p.Key != b.Key)).ToList();
        List<string> all = [.. sets, .. swept.Concat(planned).Select(p => p.Key + "=" + p.Value)];
        string command = string.Join(' ', new[] { "lookoutsim", "run", path }.Concat(all.SelectMany(a => (string[])["--set", a])).Select(AppliedPlan.ShellWord));
        if (leadSets is null)
        {
            return new AppliedPlan(null, all, command, $"the start lead cannot be written into the schedule: {leadProblem}; move the start entries earlier by hand");
        }

        ScenarioLoadResult filled = PlannedScenario.Apply(loaded, swept, planned);
        if (!filled.IsValid)
        {
            return new AppliedPlan(null, all, command, Describe("the scenario with the answer filled in", filled.Errors));
        }

        string header =
            $"# Plan for {DisplayText.Safe(scenario.Name)}: the cheapest deployment that `lookoutsim plan` found, values marked 'from: plan'.\n" +
            $"# Run it as it is (lookoutsim run plan.yaml), or apply the answer to {DisplayText.Safe(path, int.MaxValue)} with:\n" +
            $"#   {DisplayText.Safe(command, int.MaxValue)}\n";
        return new AppliedPlan(header + filled.ToResolvedYaml(), all, command, null);
    }

    private static string Describe(string what, IEnumerable<Diagnostic> diagnostics) =>
        $"{what} is not valid:\n" + string.Join('\n', diagnostics.Select(d => "  " + d.ToString()));
}
