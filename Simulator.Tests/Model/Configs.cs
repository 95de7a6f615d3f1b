using System.Collections.Immutable;
using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Model;

namespace LookoutSim.Tests.Model;

/// <summary>Small model configurations for tests, and helpers to run them.</summary>
internal static class Configs
{
    /// <summary>c units of one slot, exponential service of mean s, Poisson λ, no retries.</summary>
    public static ModelConfig Queue(double lambda, double meanService, int units, RoutingPolicy routing, int queuePerUnit,
        double horizon = 500, double warmup = 50, DistributionKind dist = DistributionKind.Exponential, double cv = 1)
        => new()
        {
            Horizon = horizon,
            Warmup = warmup,
            Service = new ServiceConfig { Base = meanService, Distribution = dist, Cv = cv },
            Images = [new ImageSpec(1, 0, 0, 0)],
            Traffic = [new PoissonTraffic { Name = "calls", Rate = lambda }],
            Client = new ClientConfig { Retry = RetryPolicy.None },
            Deployment = new DeploymentConfig { MinUnits = units, Routing = routing, QueuePerUnit = queuePerUnit },
        };

    public static IReadOnlyList<ReplicationResult> RunMany(ModelConfig config, int replications, ulong seed = 42) =>
        ReplicationRunner.RunAll(config, seed, replications, parallelism: Environment.ProcessorCount);

    public static ServingSystem Build(ModelConfig config, IModelObserver? observer = null, ulong seed = 1) =>
        new(config, new RandomStreams(seed, 0), observer);

    public static MetricSummary Summary(IReadOnlyList<ReplicationResult> results, string measure) =>
        Summaries.Summarize(results).Single(m => m.Name == measure);

    /// <summary>Asserts that the theory value lies in the mean's 99% interval (the 95% one widened by 1.5: fixed seeds, no flakes).</summary>
    public static void AssertAgrees(IReadOnlyList<ReplicationResult> results, string measure, double theory, double absoluteSlack = 0)
    {
        MetricSummary s = Summary(results, measure);
        double half = (s.Ci95High - s.Ci95Low) / 2;
        TestContext.Out.WriteLine($"{measure}: mean {s.Mean:G6} ± {half:G3} (95%), theory {theory:G6}");
        Assert.That(s.Mean, Is.EqualTo(theory).Within((1.5 * half) + absoluteSlack),
            $"{measure}: mean {s.Mean} (95% CI {s.Ci95Low} … {s.Ci95High}) vs theory {theory}");
    }

    public static ImmutableArray<T> Arr<T>(params T[] items) => [.. items];
}
