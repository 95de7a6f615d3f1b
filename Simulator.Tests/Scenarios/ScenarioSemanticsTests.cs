using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

/// <summary>What a scenario's numbers mean where a planner could read them two ways: a daily profile's shape, share SLOs written without their sign, and a scheduled start too close to traffic.</summary>
public sealed class ScenarioSemanticsTests
{
    private const string Shifts = """
        name: shifts
        start: 2024-01-01T00:00:00Z
        timezone: UTC
        horizon: 2d
        traffic:
          - name: cameras
            pattern: daily
            rate: 8/s
            profile: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]
        deployment: { min_units: 2, model_start: 10m..20m }
        schedule:
          - { cron: "CRON", action: start }
          - { cron: "30 22 * * *", action: stop }
        service: { base: 50ms }
        """;

    private static ScenarioLoadResult Load(string text)
    {
        ScenarioLoadResult result = ScenarioLoader.LoadText(text, "s.yaml");
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Diagnostics));
        return result;
    }

    private static List<string> Warnings(ScenarioLoadResult r) =>
        [.. r.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.ToString())];

    [Test]
    public void Shape_DefaultIsStep_LinearWhenAsked_ResolvedYamlSaysWhich()
    {
        ScenarioLoadResult step = Load(Shifts.Replace("CRON", "30 5 * * *", StringComparison.Ordinal));
        ScenarioLoadResult linear = Load(Shifts.Replace("CRON", "30 5 * * *", StringComparison.Ordinal).Replace("    rate: 8/s", "    rate: 8/s\n    shape: linear", StringComparison.Ordinal));

        Assert.That(step.Scenario!.Traffic[0].Shape, Is.EqualTo(ProfileShape.Step));
        Assert.That(linear.Scenario!.Traffic[0].Shape, Is.EqualTo(ProfileShape.Linear));
        Assert.That(step.ToResolvedYaml(), Does.Contain("shape: step  # from: default"));
    }

    [Test]
    public void Shape_UnknownValue_IsAnErrorNamingTheField()
    {
        ScenarioLoadResult r = ScenarioLoader.LoadText(Shifts.Replace("CRON", "30 5 * * *", StringComparison.Ordinal).Replace("    rate: 8/s", "    rate: 8/s\n    shape: smooth", StringComparison.Ordinal), "s.yaml");
        Assert.That(r.Errors.Select(e => e.ToString()), Has.Some.Contains("traffic[0].shape"));
    }

    [Test]
    public void ScheduleLead_StartHalfAnHourBeforeStepTraffic_NoWarning() =>
        Assert.That(Warnings(Load(Shifts.Replace("CRON", "30 5 * * *", StringComparison.Ordinal))), Is.Empty);

    [Test]
    public void ScheduleLead_StartTenMinutesBeforeTraffic_WarnsAtTheEntrysLine()
    {
        // Given a start at 05:50, traffic from 06:00 and a model that takes 10 to 20 minutes to host
        ScenarioLoadResult r = Load(Shifts.Replace("CRON", "50 5 * * *", StringComparison.Ordinal));

        // Then one warning, at schedule[0]'s cron (line 12), with both times
        List<string> w = Warnings(r);
        Assert.That(w, Has.Count.EqualTo(1));
        Assert.That(w[0], Does.StartWith("s.yaml:12:"));
        Assert.That(w[0], Does.Contain("schedule[0].cron").And.Contain("05:50").And.Contain("10m later").And.Contain("model_start 10m..20m"));
    }

    [Test]
    public void ScheduleLead_LinearShapeRampsFromTheZeroHoursMiddle_Warns()
    {
        // Given the 05:30 start that step traffic allows, but the linear shape: traffic ramps from 05:30
        ScenarioLoadResult r = Load(Shifts.Replace("CRON", "30 5 * * *", StringComparison.Ordinal).Replace("    rate: 8/s", "    rate: 8/s\n    shape: linear", StringComparison.Ordinal));

        Assert.That(Warnings(r), Has.One.Contains("schedule[0].cron").And.Contain("1m later"));
    }

    [Test]
    public void ScheduleLead_PoissonTraffic_StartAfterAStopWarnsAtOnce()
    {
        const string text = """
            name: p
            horizon: 1d
            traffic: [{ name: a, pattern: poisson, rate: 1/s }]
            deployment: { min_units: 1, model_start: 5m }
            schedule:
              - { at: 1h, action: start }
            service: { base: 50ms }
            """;
        Assert.That(Warnings(Load(text)), Has.One.Contains("schedule[0].at").And.Contain("begins at once"));
    }

    [TestCase("0.1", true)]
    [TestCase("0.05", true)]
    [TestCase("0.049", false)]
    [TestCase("0.1%", false)]
    [TestCase("10%", false)]
    public void MaxFailed_BareFractionFromFivePercent_AsksWhetherAPercentWasMeant(string value, bool warns)
    {
        ScenarioLoadResult r = Load($"name: s\nhorizon: 1h\ntraffic: [{{ name: a, pattern: poisson, rate: 1/s }}]\ndeployment: {{ min_units: 1 }}\nslo:\n  max_failed: {value}\nservice: {{ base: 50ms }}\n");
        List<string> w = Warnings(r);
        if (warns)
        {
            Assert.That(w, Has.One.StartsWith("s.yaml:6:15: warning: slo.max_failed").And.Contain($"did you mean {value}%?"));
        }
        else
        {
            Assert.That(w, Is.Empty);
        }
    }

    [TestCase("0.5", true)]
    [TestCase("89%", true)]
    [TestCase("0.9", false)]
    [TestCase("99.9%", false)]
    public void Availability_Below90Percent_Warns(string value, bool warns)
    {
        ScenarioLoadResult r = Load($"name: s\nhorizon: 1h\ntraffic: [{{ name: a, pattern: poisson, rate: 1/s }}]\ndeployment: {{ min_units: 1 }}\nslo:\n  availability: {value}\nservice: {{ base: 50ms }}\n");
        Assert.That(Warnings(r), warns ? Has.One.Contains("slo.availability").And.Contain("99%") : Is.Empty);
    }
}
