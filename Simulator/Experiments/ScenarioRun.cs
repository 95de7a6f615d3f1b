using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// Runs every replication of a scenario and packages what the results folder needs. Replication
/// r always uses streams (seed, r), whichever worker thread runs it, so the result does not
/// depend on <c>parallel</c>.
/// </summary>
public static class ScenarioRun
{
    /// <summary>Runs <paramref name="loaded"/>'s scenario.</summary>
    /// <param name="loaded">A valid load result.</param>
    /// <param name="traces">Opens the traces the scenario replays.</param>
    /// <param name="parallel">Worker threads (at least 1).</param>
    /// <param name="requestSampleFraction">Share of requests sampled into requests.csv.</param>
    /// <param name="progress">Called after each replication with (done, total); may be called concurrently.</param>
    /// <param name="ct">Stops handing out replications.</param>
    public static RunResult Run(ScenarioLoadResult loaded, ITraceFiles traces, int parallel, double requestSampleFraction, Action<int, int>? progress, CancellationToken ct)
    {
        Scenario scenario = loaded.Scenario ?? throw new ArgumentException("the scenario is not valid", nameof(loaded));
        ModelConfig config = ScenarioCompiler.Compile(scenario, traces, requestSampleFraction);
        int total = scenario.Replications;
        int done = 0;
        ulong seed = unchecked((ulong)scenario.Seed);
        ReplicationResult[] replications = ReplicationScheduler.Run(
            total,
            (r, token) => ReplicationRunner.Run(config, seed, r, token),
            Math.Max(1, parallel),
            (_, _) => progress?.Invoke(Interlocked.Increment(ref done), total),
            ct);
        return Package(loaded, replications);
    }

    /// <summary>The run result of finished replications of <paramref name="loaded"/>'s scenario.</summary>
    public static RunResult Package(ScenarioLoadResult loaded, IReadOnlyList<ReplicationResult> replications)
    {
        Scenario scenario = loaded.Scenario!;
        return Package(
            scenario,
            loaded.Sha256,
            unchecked((ulong)scenario.Seed),
            loaded.ToResolvedYaml(),
            replications,
            Summaries.Summarize(replications),
            Summaries.Verdicts(replications, ScenarioCompiler.Slo(scenario)));
    }

    /// <summary>
    /// The run result of <paramref name="scenario"/> (a run's, or a sweep point's with its values
    /// applied) from its replications, their summary and SLO verdicts: the one place a
    /// <see cref="RunResult"/> is made from a scenario.
    /// </summary>
    public static RunResult Package(
        Scenario scenario,
        string scenarioSha256,
        ulong seed,
        string resolvedYaml,
        IReadOnlyList<ReplicationResult> replications,
        IReadOnlyList<MetricSummary> summary,
        IReadOnlyList<SloVerdict> verdicts) => new()
        {
            Version = ToolInfo.Version,
            Scenario = scenario.Name,
            ScenarioSha256 = scenarioSha256,
            Seed = seed,
            HorizonS = scenario.Horizon.TotalSeconds,
            WarmupS = scenario.Warmup.TotalSeconds,
            IntervalS = scenario.Interval.TotalSeconds,
            Description = scenario.Description,
            Deployment = DeploymentText.Describe(scenario),
            Start = scenario.Start,
            TimeZone = scenario.Timezone,
            Zones = [.. scenario.Deployment.Zones],
            Currency = scenario.Billing.Currency,
            Metrics = summary,
            Slo = verdicts,
            Replications = replications,
            ResolvedScenarioYaml = resolvedYaml,
            PresetNotes = PresetNotes(scenario.Provider),
            Assumptions = Assumptions(scenario.Uncertainty),
        };

    /// <summary>One line per uncertain field: <c>service.base = 60ms, uncertain 48ms..72ms (assumption: …)</c>.</summary>
    public static IReadOnlyList<string> Assumptions(UncertaintySpec uncertainty)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        return [.. uncertainty.Fields.Select(f => $"{f.Path} = {f.Nominal}, uncertain {f.Declared} ({f.Source})")];
    }

    /// <summary>One line per value a provider preset supplies: fact or assumption, with its source.</summary>
    public static IReadOnlyList<string> PresetNotes(string? provider)
    {
        ProviderPreset? preset = provider is null ? null : ProviderPresets.Find(provider);
        return preset is null
            ? []
            : [.. preset.Values.Select(v => $"{v.Path} = {v.Value} — {(v.Kind == PresetValueKind.Fact ? "documented fact" : "assumption")}: {v.Source}")];
    }
}
