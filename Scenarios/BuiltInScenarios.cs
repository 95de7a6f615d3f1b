namespace LookoutSim.Scenarios;

/// <summary>Scenarios shipped inside the program, used when <c>lookoutsim run</c> is given no file.</summary>
public static class BuiltInScenarios
{
    /// <summary>Name of <see cref="Example"/>.</summary>
    public const string ExampleName = "example";

    /// <summary>
    /// A small, realistic line: two zones, six hours of a morning ramp of a daily camera pattern
    /// (10 calls/s daily mean, about 18 calls/s at the peak), two to five units with autoscaling,
    /// AWS-standard retries, three replications: a few hundred thousand requests.
    /// </summary>
    public const string Example = """
        # The built-in example: a small inspection line, one morning.
        name: example
        description: An inspection line over a morning ramp (10 calls/s daily mean), 2 to 5 units in two zones.
        seed: 42
        start: 2024-01-01T04:00:00Z
        horizon: 6h
        warmup: 10m
        replications: 3

        service:
          base: 40ms
          per_megapixel: 12ms
          per_megabyte: 5ms
          distribution: lognormal
          cv: 0.3

        images:
          - { share: 90%, width: 1920, height: 1080, size: 0.8MB }
          - { share: 10%, width: 4096, height: 3072, size: 4.5MB }

        traffic:
          - name: cameras
            pattern: daily
            rate: 10/s
            profile: [0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 1.6, 1.7, 1.7, 1.6, 1.4,
                      1.2, 1.5, 1.6, 1.6, 1.5, 1.3, 1.0, 0.7, 0.5, 0.4, 0.3, 0.2]

        client:
          timeout: 5s
          retry: aws-standard

        deployment:
          zones: [use1-az1, use1-az2]
          min_units: 2
          max_units: 5
          model_start: 10m..20m
          unit_start: 4m..8m

        autoscaling:
          target: 70%
          scale_in_cooldown: 15m

        billing:
          price_per_unit_hour: 4.00
          currency: USD

        slo:
          latency_p99: 1s
          max_failed: 0.1%
        """;

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } = [ExampleName];

    /// <summary>Loads a built-in scenario by name (null when there is none of that name).</summary>
    public static ScenarioLoadResult? Load(string name, IReadOnlyList<string>? overrides = null) => name switch
    {
        ExampleName => ScenarioLoader.LoadText(Example, ExampleName, baseDirectory: null, overrides),
        _ => null,
    };
}
