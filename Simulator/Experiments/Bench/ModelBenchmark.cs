using System.Diagnostics;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments.Bench;

/// <summary>What <c>lookoutsim bench model</c> measured.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="HorizonS">Simulated horizon, seconds.</param>
/// <param name="Requests">Requests that arrived in the replication.</param>
/// <param name="RequestsPerS">Requests per wall-clock second, single-threaded.</param>
/// <param name="EventsPerS">Engine events per wall-clock second.</param>
/// <param name="PeakWorkingSetMb">Peak working set of the process, MB (10^6 bytes).</param>
public sealed record ModelBenchResult(string Scenario, double HorizonS, long Requests, double RequestsPerS, double EventsPerS, double PeakWorkingSetMb);

/// <summary>
/// One replication of a reference scenario (by default <c>samples/bench.yaml</c>: a week of a busy
/// line), single-threaded, after a short JIT warm-up run of the same scenario.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>Runs the benchmark on a loaded, valid scenario.</summary>
    public static ModelBenchResult Run(ScenarioLoadResult loaded)
    {
        Scenario scenario = loaded.Scenario ?? throw new ArgumentException("the scenario is not valid", nameof(loaded));
        ModelConfig config = ScenarioCompiler.Compile(scenario);
        ulong seed = unchecked((ulong)scenario.Seed);

        // Warm-up: one simulated hour, so the timed run measures compiled code.
        ReplicationRunner.Run(config with { Horizon = Math.Min(3600, config.Horizon), Warmup = 0 }, seed, 0);

        long t0 = Stopwatch.GetTimestamp();
        ReplicationResult r = ReplicationRunner.Run(config, seed, 0);
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        double requests = r.Diagnostics?.Arrived ?? r.Measures["requests_arrived"];
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new ModelBenchResult(
            scenario.Name,
            config.Horizon,
            (long)requests,
            requests / seconds,
            r.Measures["events"] / seconds,
            self.PeakWorkingSet64 / 1e6);
    }
}
