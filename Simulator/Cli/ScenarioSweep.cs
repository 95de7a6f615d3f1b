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
/// (a scenario without one is a single point), the simulator as the evaluator, each point's
/// <see cref="RunResult"/> (the sweep folder writes it as a full results folder), and the
/// planner's inputs (<see cref="PlanDemand"/>).
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
        List<string> sets = [.. overrides.All];
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path, sets);
        if (!loaded.IsValid)
        {
            throw new InvalidDataException(Describe(path, loaded.Errors));
        }

        // Counted before the points are built: a million points would take minutes and gigabytes to expand.
        WorkCheck.CheckPointCount(loaded.Scenario!, overrides.IKnow);
        IReadOnlyList<S.ExpandedPoint> expanded = SweepExpander.Expand(loaded, out IReadOnlyList<Diagnostic> problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(Describe(path, problems));
        }

        WorkEstimate work = WorkEstimator.Estimate([.. expanded.Select(p => p.Scenario)], TraceFiles.Instance, overrides.IKnow, out IReadOnlyList<Diagnostic> traceProblems);
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
            EvaluateZoneLoss = (basePoint, cases, r, kept, ct) => kept is null
                ? ZoneLossFork.Run(Compiled(basePoint).Config, [.. cases.Select(c => Compiled(c).Config)], seed, r, ct)
                : [.. cases.Select(c => kept.Continue(Compiled(c).Config, 0, ct))],
            EvaluateKeeping = (point, r, at, ct) => ZoneLossFork.RunKeeping(Compiled(point).Config, seed, r, at, ct),
            Summarize = Summaries.Summarize,
            Verdicts = (_, replications, _) => Summaries.Verdicts(replications, slo),
            BuildRunResult = (def, point, replications, summary, verdicts) =>
            {
                (Scenario s, string yaml, _) = Compiled(point);
                return ScenarioRun.Package(s, def.ScenarioSha256, def.Seed, yaml, replications, summary, verdicts);
            },
        };

        SweepPoint basePoint = points.Count == 1 && points[0].Parameters.Count == 0 ? new SweepPoint("base", []) : points[0];
        return new SweepSetup(definition, model)
        {
            Inputs = ReadFiles(path, scenario),
            Warnings = [.. loaded.Diagnostics.Concat(traceProblems).Where(d => d.Severity != DiagnosticSeverity.Error).Select(d => d.ToString())],
            Work = work,
            Plan = new PlanInputs(
                basePoint,
                slo,
                PlanDemand.PeakTps(scenario, TraceFiles.Instance),
                PlanDemand.RatedTpsPerUnit(scenario),
                [.. scenario.Deployment.Zones],
                PlanDemand.BusiestHourS(scenario, TraceFiles.Instance),
                scenario.Billing.Currency)
            {
                Schedule = [.. scenario.Schedule
                    .Select((e, i) => new ScheduleBounds(i, e.MinUnits, e.MaxUnits))
                    .Where(e => e.MinUnits is not null || e.MaxUnits is not null)],
                StartLeadLimitS = scenario.Schedule.Any(e => e.Action == S.ScheduleAction.Start)
                    ? scenario.Deployment.ModelStart.Max.TotalSeconds + 1800
                    : 0,
                ZoneLossRecoveryS = ScenarioCompiler.RecoveryS(scenario),
                Apply = answer => ApplyPlan(path, sets, loaded, basePoint, answer),
                Uncertainty = scenario.Uncertainty,
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

    private static string Key(SweepPoint point) =>
        point.Id + "\u001e" + string.Join('\u001f', point.Parameters.Select(p => p.Key + "=" + p.Value));

    private static (Scenario, string, ModelConfig) Compile(string path, List<string> sets, Dictionary<string, S.ExpandedPoint> known, SweepPoint point)
    {
        (string Zone, double At)? zoneLoss = ScenarioCompiler.ParseZoneLoss(point.Get(SweepPoint.ZoneLossParameter));
        double lead = point.Get(SweepPoint.StartLeadParameter) is { } l ? double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        var parameters = point.Parameters.Where(p => p.Key is not (SweepPoint.ZoneLossParameter or SweepPoint.StartLeadParameter)).ToList();
        if (known.TryGetValue(point.Id, out S.ExpandedPoint? expanded) && expanded.Parameters.SequenceEqual(parameters))
        {
            return (expanded.Scenario, expanded.ResolvedYaml, ScenarioCompiler.Compile(expanded.Scenario, TraceFiles.Instance, 0, zoneLoss, lead));
        }

        // A point the planner made: the file with the base overrides and the point's parameters on top.
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(path, [.. sets, .. parameters.Select(p => p.Key + "=" + p.Value)]);
        if (!loaded.IsValid)
        {
            throw new InvalidDataException(Describe($"{path} ({point.Describe()})", loaded.Errors));
        }

        return (loaded.Scenario!, loaded.ToResolvedYaml(), ScenarioCompiler.Compile(loaded.Scenario!, TraceFiles.Instance, 0, zoneLoss, lead));
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
