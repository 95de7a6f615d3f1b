using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

public sealed class SweepExpanderTests
{
    private const string Base = """
        name: sweep
        horizon: 1d
        service: { base: 50ms }
        traffic: [{ name: cam, pattern: poisson, rate: 5/s }]
        deployment: { min_units: 2, max_units: 8 }
        """;

    private static ScenarioLoadResult Load(string sweep, params string[] overrides)
    {
        ScenarioLoadResult result = ScenarioLoader.LoadText(Base + "\n" + sweep, "sweep.yaml", null, overrides);
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Diagnostics));
        return result;
    }

    [Test]
    public void Expand_Cartesian_GivesEveryCombinationWithStableIds()
    {
        // Given
        ScenarioLoadResult loaded = Load("""
            sweep:
              deployment.min_units: [1, 2, 3]
              autoscaling.target: [50%, 70%]
            """);

        // When
        IReadOnlyList<ExpandedPoint> points = SweepExpander.Expand(loaded, out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(problems, Is.Empty);
        Assert.That(points.Select(p => p.Id), Is.EqualTo(new[]
        {
            "p01-min_units=1-target=50%", "p02-min_units=1-target=70%",
            "p03-min_units=2-target=50%", "p04-min_units=2-target=70%",
            "p05-min_units=3-target=50%", "p06-min_units=3-target=70%",
        }));
        Assert.That(points.Select(p => p.Scenario.Deployment.MinUnits), Is.EqualTo(new[] { 1, 1, 2, 2, 3, 3 }));
        Assert.That(points.Select(p => p.Scenario.Autoscaling.Target), Is.EqualTo(new[] { 0.5, 0.7, 0.5, 0.7, 0.5, 0.7 }));
        Assert.That(points.All(p => p.Scenario.Sweep is null), Is.True);
        Assert.That(points[3].Parameters, Is.EqualTo(new[] { KeyValuePair.Create("deployment.min_units", "2"), KeyValuePair.Create("autoscaling.target", "70%") }));
        Assert.That(points[3].ResolvedYaml, Does.Contain("min_units: 2  # from: sweep deployment.min_units"));
    }

    [Test]
    public void Expand_Zip_PairsTheLists()
    {
        // Given
        ScenarioLoadResult loaded = Load("""
            sweep:
              mode: zip
              deployment.min_units: [1, 2]
              deployment.max_units: [4, 6]
            """);

        // When
        IReadOnlyList<ExpandedPoint> points = SweepExpander.Expand(loaded, out _);

        // Then
        Assert.That(points.Select(p => p.Id), Is.EqualTo(new[] { "p01-min_units=1-max_units=4", "p02-min_units=2-max_units=6" }));
        Assert.That(points.Select(p => (p.Scenario.Deployment.MinUnits, p.Scenario.Deployment.MaxUnits)), Is.EqualTo(new[] { (1, 4), (2, 6) }));
    }

    [Test]
    public void Expand_ModeSetOnCommandLine_Zips()
    {
        // When
        var points = SweepExpander.Expand(Load("sweep:\n  deployment.min_units: [1, 2]\n  deployment.max_units: [4, 6]\n", "sweep.mode=zip"), out _);

        // Then
        Assert.That(points, Has.Count.EqualTo(2));
    }

    [Test]
    public void Expand_TwiceFromTheSameFile_GivesEqualPoints()
    {
        // Given
        const string sweep = "sweep:\n  traffic[cam].rate: [5/s, 10/s]\n";

        // When
        var a = SweepExpander.Expand(Load(sweep), out _);
        var b = SweepExpander.Expand(Load(sweep), out _);

        // Then
        Assert.That(a.Select(p => p.Id), Is.EqualTo(b.Select(p => p.Id)));
        Assert.That(a.Select(p => p.Scenario), Is.EqualTo(b.Select(p => p.Scenario)));
        Assert.That(a[1].Id, Is.EqualTo("p02-rate=10_s"));
        Assert.That(a[1].Scenario.Traffic[0].Rate, Is.EqualTo(10));
    }

    [Test]
    public void Expand_OverrideOfASweptField_IsAnErrorAtTheSweepEntry()
    {
        // When: --set deployment.min_units=1 would be replaced by every point's value
        var points = SweepExpander.Expand(Load("sweep:\n  deployment.min_units: [3]\n", "deployment.min_units=1", "deployment.max_units=5"), out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(points, Is.Empty);
        Assert.That(problems.Single().ToString(), Does.StartWith(
            "sweep.yaml:7:3: error: --set deployment.min_units=1 sets a field this sweep varies (sweep.deployment.min_units), so every point would replace it"));
    }

    [Test]
    public void Expand_OverrideOfAnotherField_AppliesToEveryPoint()
    {
        // When
        var points = SweepExpander.Expand(Load("sweep:\n  deployment.min_units: [3]\n", "deployment.max_units=5"), out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(problems, Is.Empty);
        Assert.That(points.Single().Scenario.Deployment.MinUnits, Is.EqualTo(3));
        Assert.That(points.Single().Scenario.Deployment.MaxUnits, Is.EqualTo(5));
    }

    [Test]
    public void Expand_PointClashingWithFile_IsReportedAndLeftOut()
    {
        // Given: max_units is 8
        ScenarioLoadResult loaded = Load("sweep:\n  deployment.min_units: [4, 9]\n");

        // When
        var points = SweepExpander.Expand(loaded, out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(points.Select(p => p.Id), Is.EqualTo(new[] { "p01-min_units=4" }));
        Assert.That(problems.Single().Message, Is.EqualTo("sweep point p02-min_units=9: deployment.max_units (8) is below deployment.min_units (9)"));
    }

    [Test]
    public void Expand_NoSweep_GivesOnePoint()
    {
        var points = SweepExpander.Expand(Load(string.Empty), out _);

        Assert.That(points.Single().Id, Is.EqualTo("p1"));
        Assert.That(points.Single().Parameters, Is.Empty);
    }

    [Test]
    public void Expand_SameLastSegment_UsesWholePaths()
    {
        // When
        var points = SweepExpander.Expand(Load("sweep:\n  deployment.min_units: [2]\n  schedule[0].min_units: [3]\nschedule: [{ at: 0h, action: start }]\n"), out _);

        // Then
        Assert.That(points.Single().Id, Is.EqualTo("p01-deployment.min_units=2-schedule_0_.min_units=3"));
    }

    [TestCase("sweep:\n  deployment.min_unit: [1]\n", "sweep.deployment.min_unit names no field: min_unit is not a known key; did you mean min_units?")]
    [TestCase("sweep:\n  deployment.min_units: [1, x]\n", "sweep.deployment.min_units[1] (x) is not an integer")]
    [TestCase("sweep:\n  deployment.min_units: 3\n", "sweep.deployment.min_units should be a non-empty list of values for deployment.min_units")]
    [TestCase("sweep:\n  mode: zip\n  deployment.min_units: [1, 2]\n  autoscaling.target: [50%]\n", "sweep.autoscaling.target has 1 values but the lists before it have 2; with mode: zip every list has the same length")]
    public void Load_BadSweep_IsDiagnosed(string sweep, string message)
    {
        // When
        ScenarioLoadResult result = ScenarioLoader.LoadText(Base + "\n" + sweep, "sweep.yaml");

        // Then
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.EqualTo(message));
    }

    [Test]
    public void Expand_SweepSample_GivesNinePoints()
    {
        // When
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(Path.Combine(ScenarioFiles.Samples, "sweep-units.yaml"));
        var points = SweepExpander.Expand(loaded, out IReadOnlyList<Diagnostic> problems);

        // Then
        Assert.That(problems, Is.Empty);
        Assert.That(points, Has.Count.EqualTo(9));
        Assert.That(points[0].Id, Is.EqualTo("p01-min_units=1-max_units=4"));
    }

    [Test]
    public void Expand_LongValues_IdsStayShortUniqueAndStable()
    {
        // Given: valid values of 300 characters (a rate that rounds to 0/s), which made folder names over 255 bytes
        string tiny = "0." + new string('0', 300) + "1/s";
        string sweep = $"sweep:\n  traffic[0].rate: [{tiny}, \"{tiny[..^3]}2/s\", 1/s]\n";

        // When
        var points = SweepExpander.Expand(Load(sweep), out IReadOnlyList<Diagnostic> problems);
        var again = SweepExpander.Expand(Load(sweep), out _);

        // Then
        Assert.That(problems, Is.Empty);
        Assert.That(points.Select(p => p.Id.Length), Has.All.LessThanOrEqualTo(SweepExpander.MaxIdLength));
        Assert.That(points.Select(p => p.Id), Is.Unique);
        Assert.That(points.Select(p => p.Id), Is.EqualTo(again.Select(p => p.Id)));
        Assert.That(points[0].Id, Does.StartWith("p01-rate=0.000"));
        Assert.That(points[2].Id, Is.EqualTo("p03-rate=1_s"));
    }
}
