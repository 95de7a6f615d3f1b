using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

public sealed class UncertaintyTests
{
    private const string Head = """
        name: u
        horizon: 1h
        service:
          base: 50ms
        traffic:
          - { name: steady, pattern: poisson, rate: 8/s }
        deployment:
          min_units: 2
          model_start: 10m..20m
        """;

    private static ScenarioLoadResult Load(string uncertainty, string head = Head, params string[] overrides) =>
        ScenarioLoader.LoadText(head + "\n" + uncertainty + "\n", "u.yaml", overrides: overrides);

    private static Diagnostic OnlyError(string uncertainty, string head = Head)
    {
        ScenarioLoadResult r = Load(uncertainty, head);
        Assert.That(r.IsValid, Is.False, "expected an error");
        var errors = r.Errors.ToList();
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", r.Diagnostics));
        return errors[0];
    }

    [Test]
    public void Section_RangesListsAndShares_AreReadWithNominalAndSource()
    {
        // Given
        const string u = """
            uncertainty:
              service.base: 40ms..60ms
              autoscaling.target: [60%, 70%, 80%]
              traffic[steady].rate: ±25%
              deployment.model_start: 5m..30m
            """;

        // When
        ScenarioLoadResult r = Load(u);

        // Then
        Assert.That(r.Errors, Is.Empty, string.Join("\n", r.Diagnostics));
        var f = r.Scenario!.Uncertainty.Fields;
        Assert.That(f.Select(x => x.Path), Is.EqualTo(new[] { "service.base", "autoscaling.target", "traffic[steady].rate", "deployment.model_start" }));
        Assert.That((f[0].Nominal, f[0].Low, f[0].High, f[0].Kind), Is.EqualTo(("50ms", "40ms", "60ms", UncertainKind.Duration)));
        Assert.That(f[0].Source, Is.EqualTo("u.yaml:11:3"));
        Assert.That(f[1].Values, Is.EqualTo(new[] { "60%", "70%", "80%" }));
        Assert.That((f[1].Low, f[1].High), Is.EqualTo(("60%", "80%")));
        Assert.That((f[2].Low, f[2].High), Is.EqualTo(("6/s", "10/s")));
        Assert.That((f[3].Nominal, f[3].Low, f[3].High), Is.EqualTo(("10m..20m", "5m", "30m")));
        Assert.That(f.All(x => !x.FromPreset), Is.True);
    }

    [Test]
    public void ValueAt_InterpolatesInTheFieldsKind_AndHitsTheEndsExactly()
    {
        ScenarioLoadResult r = Load("""
            uncertainty:
              service.base: 40ms..60ms
              autoscaling.target: 60%..80%
              autoscaling.scale_in_step: 1..4
              service.cv: 0.2..0.6
              autoscaling.rebalance: [true, false]
            """);
        Assert.That(r.Errors, Is.Empty, string.Join("\n", r.Diagnostics));
        UncertaintySpec s = r.Scenario!.Uncertainty;
        Assert.That(s.Find("service.base")!.ValueAt(0), Is.EqualTo("40ms"));
        Assert.That(s.Find("service.base")!.ValueAt(1), Is.EqualTo("60ms"));
        Assert.That(s.Find("service.base")!.ValueAt(0.5), Is.EqualTo("50ms"));
        Assert.That(s.Find("autoscaling.target")!.ValueAt(0.25), Is.EqualTo("65%"));
        Assert.That(s.Find("autoscaling.scale_in_step")!.ValueAt(0.5), Is.EqualTo("3"));
        Assert.That(s.Find("service.cv")!.ValueAt(0.75), Is.EqualTo("0.5"));
        Assert.That(s.Find("autoscaling.rebalance")!.ValueAt(0.49), Is.EqualTo("true"));
        Assert.That(s.Find("autoscaling.rebalance")!.ValueAt(0.5), Is.EqualTo("false"));
        Assert.That(s.Find("autoscaling.rebalance")!.ValueAt(1), Is.EqualTo("false"));
    }

    [Test]
    public void Values_OfAPoint_LoadAsOverrides()
    {
        ScenarioLoadResult r = Load("uncertainty:\n  service.base: 40ms..60ms\n  deployment.model_start: 5m..30m");
        UncertaintySpec spec = r.Scenario!.Uncertainty;
        var set = UncertaintyOverrides.For(spec.Fields.Select(f => (f.Path, f.ValueAt(1))));
        Assert.That(set, Is.EqualTo(new[] { "service.base=60ms", "deployment.model_start=30m" }));

        Scenario at = Load("uncertainty:\n  service.base: 40ms..60ms\n  deployment.model_start: 5m..30m", Head, [.. set]).Scenario!;
        Assert.That(at.Service.Base, Is.EqualTo(TimeSpan.FromMilliseconds(60)));
        Assert.That(at.Deployment.ModelStart, Is.EqualTo(DurationRange.Fixed(TimeSpan.FromMinutes(30))));
    }

    [TestCase("uncertainty:\n  service.bse: 40ms..60ms", 11, 3, "did you mean base?")]
    [TestCase("uncertainty:\n  service.base: 60ms..40ms", 11, 17, "is inverted")]
    [TestCase("uncertainty:\n  service.base: 40ms..60", 11, 17, "service.base (60)")]
    [TestCase("uncertainty:\n  autoscaling.target: 60..80%", 11, 23, "uncertainty.autoscaling.target (60)")]
    [TestCase("uncertainty:\n  name: [a, b]", 11, 3, "name cannot vary")]
    [TestCase("uncertainty:\n  deployment.routing: random..round-robin", 11, 23, "list the values instead")]
    [TestCase("uncertainty:\n  deployment.min_units: 1..3", 11, 3, "cannot vary")]
    [TestCase("uncertainty:\n  traffic[0].pattern: [poisson, daily]", 11, 3, "cannot vary")]
    [TestCase("uncertainty:\n  service.base: 50ms", 11, 17, "should be a range")]
    [TestCase("uncertainty:\n  service.base: 50ms..50ms", 11, 17, "does not vary")]
    [TestCase("uncertainty:\n  service.base: [40ms]", 11, 17, "at least 2")]
    [TestCase("uncertainty:\n  autoscaling.target: ±20%", 11, 23, "±share applies to")]
    [TestCase("uncertainty:\n  service.base: ±120%", 11, 17, "is not a ±share")]
    [TestCase("uncertainty:\n  service.tps_per_unit: 10..20", 11, 3, "has no value in this scenario")]
    [TestCase("uncertainty:\n  autoscaling.target: [60%, 170%]", 11, 29, "outside 0%..100%")]
    [TestCase("uncertainty:\n  deployment: 1..2", 11, 3, "is a section")]
    [TestCase("uncertainty: 5", 10, 14, "uncertainty should be a mapping")]
    public void BadEntry_IsOneErrorAtItsLineAndColumn(string uncertainty, int line, int column, string message)
    {
        Diagnostic d = OnlyError(uncertainty);
        Assert.That(d.Message, Does.Contain(message));
        Assert.That((d.File, d.Line, d.Column), Is.EqualTo(("u.yaml", line, column)), d.ToString());
        Assert.That(d.Path, Does.StartWith("uncertainty"));
    }

    [Test]
    public void NominalOutsideTheRange_IsAWarning()
    {
        ScenarioLoadResult r = Load("uncertainty:\n  service.base: 60ms..80ms");
        Assert.That(r.IsValid, Is.True);
        Assert.That(r.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Warning).Message, Does.Contain("lies outside"));
    }

    [Test]
    public void Preset_GivesItsRanges_WithSources_AndFileEntriesWin()
    {
        // Given: a preset scenario without its own service section, one range of its own
        string head = """
            name: p
            provider: lookout-for-vision
            horizon: 1h
            traffic:
              - { name: steady, pattern: poisson, rate: 8/s }
            deployment:
              min_units: 2
            """;

        // When
        ScenarioLoadResult r = Load("uncertainty:\n  autoscaling.target: 50%..90%", head);

        // Then
        Assert.That(r.Errors, Is.Empty, string.Join("\n", r.Diagnostics));
        var f = r.Scenario!.Uncertainty.Fields;
        Assert.That(f[0].Path, Is.EqualTo("autoscaling.target"));
        Assert.That((f[0].Low, f[0].FromPreset), Is.EqualTo(("50%", false)));
        Assert.That(f.Skip(1).Select(x => x.Path), Is.EquivalentTo(new[]
        {
            "deployment.model_start", "deployment.unit_start", "autoscaling.evaluation", "autoscaling.scale_in_cooldown", "service.base", "service.cv",
        }));
        Assert.That(f.Skip(1).All(x => x.FromPreset), Is.True);
        UncertainField b = r.Scenario.Uncertainty.Find("service.base")!;
        Assert.That((b.Nominal, b.Low, b.High), Is.EqualTo(("60ms", "48ms", "72ms")));
        Assert.That(b.Source, Does.StartWith("assumption"));
        Assert.That(r.Scenario.Uncertainty.Find("deployment.model_start")!.Source, Does.StartWith("AWS docs"));
        Assert.That(ProviderPresets.All.All(p => !p.Uncertainty.IsEmpty), Is.True);

        // And: the resolved scenario shows each range with its origin, and reads back equal
        string yaml = r.ToResolvedYaml();
        Assert.That(yaml, Does.Contain("uncertainty:"));
        Assert.That(yaml, Does.Contain("service.base: ±20%  # from: preset lookout-for-vision"));
        Assert.That(yaml, Does.Contain("autoscaling.target: 50%..90%  # from: file"));
        ScenarioLoadResult again = ScenarioLoader.LoadText(yaml, "resolved.yaml");
        Assert.That(again.Errors, Is.Empty, string.Join("\n", again.Diagnostics));
        Assert.That(again.Scenario!.Uncertainty, Is.EqualTo(r.Scenario.Uncertainty));
    }

    [Test]
    public void UncertaintyNone_SwitchesThePresetRangesOff_AlsoFromTheCommandLine()
    {
        string head = "name: p\nprovider: lookout-for-vision\nhorizon: 1h\ntraffic:\n  - { name: s, pattern: poisson, rate: 8/s }\ndeployment:\n  min_units: 2";
        Assert.That(Load(string.Empty, head).Scenario!.Uncertainty.Fields, Is.Not.Empty);
        Assert.That(Load("uncertainty: none", head).Scenario!.Uncertainty.IsEmpty, Is.True);
        Assert.That(Load(string.Empty, head, "uncertainty=none").Scenario!.Uncertainty.IsEmpty, Is.True);
    }

    [Test]
    public void PresetServiceRanges_DoNotApplyToTheFilesOwnServiceModel()
    {
        string head = "name: p\nprovider: lookout-for-vision\nhorizon: 1h\nservice:\n  tps_per_unit: 10\ntraffic:\n  - { name: s, pattern: poisson, rate: 8/s }\ndeployment:\n  min_units: 2";
        ScenarioLoadResult r = Load(string.Empty, head);
        Assert.That(r.Errors, Is.Empty, string.Join("\n", r.Diagnostics));
        Assert.That(r.Scenario!.Uncertainty.Fields.Select(f => f.Path), Has.None.StartsWith("service."));
    }
}
