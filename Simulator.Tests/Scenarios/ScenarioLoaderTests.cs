using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private string temp = string.Empty;

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private static ScenarioLoadResult LoadValid(string path, params string[] overrides)
    {
        ScenarioLoadResult result = ScenarioLoader.LoadFile(path, overrides);
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Diagnostics));
        return result;
    }

    [Test]
    public void LoadFile_SpecExample_GivesTypedRecords()
    {
        // When
        Scenario s = LoadValid(ScenarioFiles.SpecExample).Scenario!;

        // Then: natural typed values, as documented on the records
        Assert.That(s.Name, Is.EqualTo("line-3-weekday"));
        Assert.That(s.Provider, Is.EqualTo("lookout-for-vision"));
        Assert.That(s.Seed, Is.EqualTo(7));
        Assert.That(s.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(s.Horizon, Is.EqualTo(TimeSpan.FromDays(7)));
        Assert.That(s.Warmup, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(s.Replications, Is.EqualTo(10));
        Assert.That(s.Service.Base, Is.EqualTo(TimeSpan.FromMilliseconds(45)));
        Assert.That(s.Service.Distribution, Is.EqualTo(ServiceDistribution.LogNormal));
        Assert.That(s.Images.Select(i => i.Share), Is.EqualTo(new[] { 0.8, 0.2 }));
        Assert.That(s.Images[1].SizeMb, Is.EqualTo(4.8));
        Assert.That(s.Traffic[0].Rate, Is.EqualTo(6));
        Assert.That(s.Traffic[0].Profile.Average(), Is.EqualTo(1).Within(1e-12));
        Assert.That(s.Traffic[0].Weekdays.Sat, Is.EqualTo(0.3));
        Assert.That(s.Traffic[0].Weekdays.Mon, Is.EqualTo(1));
        Assert.That(s.Traffic[1].Closed!.Images, Is.EqualTo(50000));
        Assert.That(s.Traffic[1].Closed!.Cron!.Text, Is.EqualTo("0 2 * * SUN"));
        Assert.That(s.Traffic[1].Images, Is.EqualTo(s.Images));
        Assert.That(s.Traffic[1].Client.Retry, Is.EqualTo(RetryPolicy.AwsStandard));
        Assert.That(s.Deployment.Zones, Is.EqualTo(new[] { "use1-az1", "use1-az2", "use1-az4" }));
        Assert.That(s.Deployment.MinUnits, Is.EqualTo(2));
        Assert.That(s.Deployment.MaxUnits, Is.EqualTo(8));
        Assert.That(s.Deployment.ModelStart, Is.EqualTo(new DurationRange(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20))));
        Assert.That(s.Autoscaling.Target, Is.EqualTo(0.7));
        Assert.That(s.Failures.UnitMtbf, Is.EqualTo(TimeSpan.FromDays(45)));
        Assert.That(s.Failures.ZoneOutages[0].At, Is.EqualTo(TimeSpan.FromHours(62)));
        Assert.That(s.Failures.ZoneOutages[1].IsRandom, Is.True);
        Assert.That(s.Failures.ZoneOutages[1].Duration, Is.EqualTo(new DurationRange(TimeSpan.FromHours(1), TimeSpan.FromHours(6))));
        Assert.That(s.Schedule[0].Cron!.NextFrom(s.Start), Is.EqualTo(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero)));
        Assert.That(s.Billing.PricePerUnitHour, Is.EqualTo(4.00m));
        Assert.That(s.Slo.MaxFailed, Is.EqualTo(0.001));
        Assert.That(s.Slo.Availability, Is.EqualTo(0.999));
        Assert.That(s.Sweep!.Parameters.Select(p => p.Path), Is.EqualTo(new[] { "deployment.min_units", "autoscaling.target" }));
    }

    [Test]
    public void LoadFile_SameFileTwice_GivesEqualRecordsAndHash()
    {
        // When
        ScenarioLoadResult a = LoadValid(ScenarioFiles.SpecExample);
        ScenarioLoadResult b = LoadValid(ScenarioFiles.SpecExample);

        // Then
        Assert.That(a.Scenario, Is.EqualTo(b.Scenario));
        Assert.That(a.Sha256, Has.Length.EqualTo(64));
        Assert.That(a.Sha256, Is.EqualTo(b.Sha256));
    }

    [Test]
    public void ToResolvedYaml_LoadResolveWriteLoad_GivesEqualRecord()
    {
        foreach (string file in ScenarioFiles.SampleFiles())
        {
            // Given
            ScenarioLoadResult first = LoadValid(file, "deployment.min_units=2", "client.timeout=7s");
            string resolved = first.ToResolvedYaml();
            string copy = Path.Combine(temp, "resolved-" + Path.GetFileName(file));
            File.WriteAllText(copy, resolved);

            // When
            ScenarioLoadResult second = LoadValid(copy);

            // Then
            Assert.That(second.Scenario, Is.EqualTo(first.Scenario), file + "\n" + resolved);
            Assert.That(second.ToResolvedYaml().Split('\n').Skip(2), Is.EqualTo(resolved.Split('\n').Skip(2).Select(l => l.Replace("# from: --set", "# from: file", StringComparison.Ordinal).Replace("# from: default", "# from: file", StringComparison.Ordinal).Replace("# from: preset " + first.Scenario!.Provider, "# from: file", StringComparison.Ordinal))), file);
        }
    }

    [Test]
    public void ToResolvedYaml_Values_CarryTheirOrigin()
    {
        // When
        string yaml = LoadValid(ScenarioFiles.SpecExample, "deployment.min_units=3").ToResolvedYaml();

        // Then
        Assert.That(yaml, Does.Contain("min_units: 3  # from: --set"));
        Assert.That(yaml, Does.Contain("max_units: 8  # from: file"));
        Assert.That(yaml, Does.Contain("queue_per_unit: 8  # from: file"));
        Assert.That(yaml, Does.Contain("throttle_latency: 5ms  # from: preset lookout-for-vision"));
        Assert.That(yaml, Does.Contain("scale_in_step: 1  # from: default"));
        Assert.That(yaml, Does.Contain("interval: 1m  # from: default"));
    }

    [Test]
    public void LoadFile_Overrides_ReplaceFileValues()
    {
        // When
        Scenario s = LoadValid(
            ScenarioFiles.SpecExample,
            "deployment.min_units=3",
            "autoscaling.target=60%",
            "traffic[camera].rate=480/min",
            "traffic[1].clients=6",
            "deployment.zones=[a, b]",
            "failures.zone_outages=[]").Scenario!;

        // Then
        Assert.That(s.Deployment.MinUnits, Is.EqualTo(3));
        Assert.That(s.Autoscaling.Target, Is.EqualTo(0.6));
        Assert.That(s.Traffic[0].Rate, Is.EqualTo(8));
        Assert.That(s.Traffic[1].Closed!.Clients, Is.EqualTo(6));
        Assert.That(s.Deployment.Zones, Is.EqualTo(new[] { "a", "b" }));
    }

    [TestCase("deployment.min_unit=3", "--set deployment.min_unit=3: error: deployment.min_unit names no field: min_unit is not a known key; did you mean min_units?")]
    [TestCase("deployment.min_units=three", "--set deployment.min_units=three: error: deployment.min_units (three) is not an integer")]
    [TestCase("traffic[9].rate=1/s", "--set traffic[9].rate=1/s: error: traffic[9].rate=1/s: traffic has no item [9]")]
    [TestCase("horizon", "--set horizon: error: 'horizon' is not path=value")]
    public void LoadFile_BadOverride_DiagnosticNamesSet(string set, string expected)
    {
        // When
        ScenarioLoadResult result = ScenarioLoader.LoadFile(ScenarioFiles.SpecExample, [set]);

        // Then
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Has.Some.StartsWith(expected));
    }

    [Test]
    public void LoadText_ProviderPreset_FillsMissingFieldsOnly()
    {
        // Given: no service, billing or start times in the file
        const string text = """
            name: preset
            provider: sagemaker-realtime
            horizon: 1h
            traffic: [{ name: a, pattern: poisson, rate: 5/s }]
            deployment: { min_units: 2 }
            billing: { price_per_unit_hour: 1.50 }
            """;

        // When
        ScenarioLoadResult result = ScenarioLoader.LoadText(text, "preset.yaml");

        // Then
        Scenario s = result.Scenario!;
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(s.Billing.PricePerUnitHour, Is.EqualTo(1.50m), "the file wins over the preset");
        Assert.That(s.Billing.Basis, Is.EqualTo(BillingBasis.Provisioned));
        Assert.That(s.Billing.Granularity, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(s.Service.Concurrency, Is.EqualTo(4));
        Assert.That(s.Autoscaling.Metric, Is.EqualTo(ScalingMetric.TpsPerUnit));
        Assert.That(s.Client.Timeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void LoadText_ServiceInFile_PresetServiceValuesNotMixedIn()
    {
        // Given
        const string text = """
            name: measured
            provider: lookout-for-vision
            horizon: 1h
            service: { tps_per_unit: 10 }
            images: [{ width: 1000, height: 1000, size: 1MB }]
            traffic: [{ name: a, pattern: poisson, rate: 5/s }]
            """;

        // When
        ScenarioLoadResult result = ScenarioLoader.LoadText(text, "measured.yaml");

        // Then: base solved from 10 TPS; the preset's per_megapixel (an assumption) is not mixed in
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Scenario!.Service.PerMegapixel, Is.EqualTo(TimeSpan.Zero));
        Assert.That(result.Scenario.Service.Base, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(result.Scenario.Deployment.MinUnits, Is.EqualTo(1), "min_units 1 is the documented default");
    }

    [Test]
    public void LoadText_TpsPerUnit_SolvesBaseForReferenceImage()
    {
        // Given: 20 TPS on a 2 MP, 1 MB image with 10 ms/MP and 5 ms/MB: base = 50 - 20 - 5 = 25 ms
        const string text = """
            name: tps
            horizon: 1h
            service:
              tps_per_unit: 20
              per_megapixel: 10ms
              per_megabyte: 5ms
              reference_image: { width: 2000, height: 1000, size: 1MB }
            traffic: [{ name: a, pattern: poisson, rate: 5/s }]
            deployment: { min_units: 1 }
            """;

        // When
        ScenarioLoadResult result = ScenarioLoader.LoadText(text, "tps.yaml");

        // Then
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Scenario!.Service.Base, Is.EqualTo(TimeSpan.FromMilliseconds(25)));
        Assert.That(result.ToResolvedYaml(), Does.Not.Contain("base:"));
    }

    [Test]
    public void LoadText_Defaults_AreTheDocumentedOnes()
    {
        // Given: only what is required
        const string text = """
            name: minimal
            horizon: 1h
            service: { base: 50ms }
            traffic: [{ name: a, pattern: poisson, rate: 5/s }]
            deployment: { min_units: 2 }
            """;

        // When
        Scenario s = ScenarioLoader.LoadText(text, "minimal.yaml").Scenario!;

        // Then
        Assert.That(s.Start, Is.EqualTo(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(s.Timezone, Is.EqualTo(TimeZoneInfo.Utc));
        Assert.That(s.Interval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(s.Deployment.MaxUnits, Is.EqualTo(2));
        Assert.That(s.Deployment.AutoscalingEnabled, Is.False);
        Assert.That(s.Deployment.ThrottleLatency, Is.EqualTo(TimeSpan.FromMilliseconds(5)));
        Assert.That(s.Deployment.Routing, Is.EqualTo(RoutingPolicy.LeastOutstanding));
        Assert.That(s.Client.Retry, Is.EqualTo(RetryPolicy.AwsStandard));
        Assert.That(s.Billing, Is.EqualTo(new BillingSpec()));
        Assert.That(s.Autoscaling, Is.EqualTo(new AutoscalingSpec()));
        Assert.That(s.Failures, Is.EqualTo(new FailuresSpec()));
        Assert.That(s.Slo, Is.EqualTo(new SloSpec()));
        Assert.That(s.Schedule, Is.Empty);
        Assert.That(s.Sweep, Is.Null);
        Assert.That(s.Images.Single().Share, Is.EqualTo(1));
    }

    [Test]
    public void LoadText_ExplicitRetryAndSourceClient_AreMerged()
    {
        // Given
        const string text = """
            name: retry
            horizon: 1h
            service: { base: 50ms }
            client:
              timeout: 3s
              retry: { max_attempts: 5, base: 100ms, jitter: equal, quota: off }
            traffic:
              - { name: a, pattern: poisson, rate: 5/s }
              - { name: b, pattern: poisson, rate: 1/s, client: { retry: none } }
            deployment: { min_units: 2 }
            """;

        // When
        Scenario s = ScenarioLoader.LoadText(text, "retry.yaml").Scenario!;

        // Then
        RetryPolicy explicitPolicy = s.Client.Retry;
        Assert.That(explicitPolicy.Mode, Is.EqualTo(RetryMode.Explicit));
        Assert.That(explicitPolicy.MaxAttempts, Is.EqualTo(5));
        Assert.That(explicitPolicy.Base, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(explicitPolicy.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(explicitPolicy.Jitter, Is.EqualTo(RetryJitter.Equal));
        Assert.That(explicitPolicy.Quota, Is.Null);
        Assert.That(s.Traffic[0].Client, Is.EqualTo(s.Client));
        Assert.That(s.Traffic[1].Client.Timeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(s.Traffic[1].Client.Retry, Is.EqualTo(RetryPolicy.NoRetry));
    }

    [Test]
    public void LoadText_Json_IsAccepted()
    {
        // Given
        const string json = """
            {"name": "json", "horizon": "1h", "service": {"base": "50ms"},
             "traffic": [{"name": "a", "pattern": "poisson", "rate": "5/s"}],
             "deployment": {"min_units": 2, "max_units": 4}, "autoscaling": {"target": 0.6}}
            """;

        // When
        ScenarioLoadResult result = ScenarioLoader.LoadText(json, "s.json");

        // Then
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Scenario!.Autoscaling.Target, Is.EqualTo(0.6));
    }

    [Test]
    public void BuiltInExample_Loads_IsSmallAndRealistic()
    {
        // When
        ScenarioLoadResult result = BuiltInScenarios.Load(BuiltInScenarios.ExampleName)!;

        // Then
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Scenario s = result.Scenario!;
        Assert.That(s.Name, Is.EqualTo("example"));
        Assert.That(s.Horizon, Is.LessThanOrEqualTo(TimeSpan.FromHours(8)));
        Assert.That(s.Deployment.Zones, Has.Length.InRange(1, 2));
        Assert.That(s.Deployment.AutoscalingEnabled, Is.True);
        Assert.That(BuiltInScenarios.Load("nope"), Is.Null);
    }

    [Test]
    public void LoadFile_TraceSample_ResolvesTraceToAbsolutePath()
    {
        // When
        Scenario s = LoadValid(Path.Combine(ScenarioFiles.Samples, "trace-replay.yaml")).Scenario!;

        // Then
        TraceReplay trace = s.Traffic[0].Trace!;
        Assert.That(Path.IsPathRooted(trace.File), Is.True);
        Assert.That(File.Exists(trace.File), Is.True);
        Assert.That(trace.Column, Is.EqualTo("count"));
        Assert.That(trace.Scale, Is.EqualTo(1.5));
    }

    [Test]
    public void LoadText_Warnings_DoNotInvalidate()
    {
        // Given: a listed outage after a short horizon (as when a test shortens a sample)
        ScenarioLoadResult result = ScenarioLoader.LoadFile(Path.Combine(ScenarioFiles.Samples, "three-zones-outage.yaml"), ["horizon=1h", "warmup=0s"]);

        // Then
        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Diagnostics));
        Assert.That(result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Warning).Path, Is.EqualTo("failures.zone_outages[0].at"));
    }
}
