using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Scenarios;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// Where the zone-loss check loses a zone (<see cref="PlanDemand.BusiestHourS"/>): at the peak of
/// the busiest day a daily source has, at the largest step, at a batch job's first run; the middle
/// of the horizon only when the traffic does not follow the clock.
/// </summary>
public sealed class BusiestHourTests
{
    private string temp = "";

    [SetUp]
    public void SetUp() => temp = ScenarioFiles.NewTempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(temp, recursive: true);

    private double BusiestHour(string start, string horizon, string warmup, params string[] traffic)
    {
        string text = $"""
            name: b
            start: {start}
            horizon: {horizon}
            warmup: {warmup}
            service: {"{"} base: 45ms {"}"}
            images: [{"{"} width: 1024, height: 768, size: 0.5MB {"}"}]
            deployment: {"{"} zones: [az1, az2], min_units: 4 {"}"}
            traffic:
            {string.Join("\n", traffic)}
            """;
        ScenarioLoadResult r = ScenarioLoader.LoadText(text, "b.yaml", temp);
        Assert.That(r.IsValid, Is.True, string.Join('\n', r.Diagnostics));
        return PlanDemand.BusiestHourS(r.Scenario!, TraceFiles.Instance);
    }

    private static readonly string Profile = "[0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1, 1, 1, 1, 1, 1, 1, 1.5, 1, 1, 1, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2]";

    [Test]
    public void Daily_NoWeekdayMultipliers_PeakHourOfTheFirstFullDayAfterTheWarmUp()
    {
        // Given: a Monday start, 30 minutes of warm-up, the peak at 14:00
        double at = BusiestHour("2024-01-01T00:00:00Z", "7d", "30m", $"  - {{ name: d, pattern: daily, rate: 5/s, profile: {Profile} }}");

        // Then: Tuesday 14:00 (Monday's midnight is inside the warm-up)
        Assert.That(at, Is.EqualTo(86400 + (14 * 3600)));
    }

    [Test]
    public void Daily_StartingOnAQuietWeekend_LossOnTheFirstBusiestWeekday()
    {
        // Given: a Saturday start (2024-01-06), weekends at a third and a tenth of the weekdays
        double at = BusiestHour("2024-01-06T00:00:00Z", "7d", "0s", $"  - {{ name: d, pattern: daily, rate: 5/s, profile: {Profile}, weekdays: {{ sat: 0.3, sun: 0.1 }} }}");

        // Then: Monday 2024-01-08 at 14:00, not Saturday's peak
        Assert.That(at, Is.EqualTo((2 * 86400) + (14 * 3600)));
    }

    [Test]
    public void Daily_BusiestWeekdayPastTheHorizon_FirstFullDayStill()
    {
        // Given: the same Saturday start over 2 days: Monday's peak is past the horizon
        double at = BusiestHour("2024-01-06T00:00:00Z", "2d", "0s", $"  - {{ name: d, pattern: daily, rate: 5/s, profile: {Profile}, weekdays: {{ sat: 0.3, sun: 0.1 }} }}");

        // Then: Saturday's peak, as before
        Assert.That(at, Is.EqualTo(14 * 3600));
    }

    [Test]
    public void Steps_StartOfTheLargestStep()
    {
        double at = BusiestHour("2024-01-01T00:00:00Z", "10h", "10m", "  - { name: s, pattern: steps, steps: [{ at: 0h, rate: 1/s }, { at: 3h, rate: 9/s }, { at: 5h, rate: 2/s }] }");

        Assert.That(at, Is.EqualTo(3 * 3600));
    }

    [Test]
    public void Steps_RepeatingLargestStepInsideTheWarmUp_ItsNextRepetition()
    {
        // Given: the largest step at 0h, repeating every 4 hours, and an hour of warm-up
        double at = BusiestHour("2024-01-01T00:00:00Z", "12h", "1h", "  - { name: s, pattern: steps, steps: [{ at: 0h, rate: 9/s }, { at: 1h, rate: 1/s }], repeat: 4h }");

        Assert.That(at, Is.EqualTo(4 * 3600));
    }

    [Test]
    public void ClosedJob_FirstRunAfterTheWarmUp()
    {
        // Given: a batch job at 02:00 every Sunday, starting on Saturday 2024-01-06 at noon
        double at = BusiestHour("2024-01-06T12:00:00Z", "1d", "10m", "  - { name: batch, pattern: closed, clients: 8, images: 50000, cron: \"0 2 * * SUN\" }");

        // Then: Sunday 02:00, 14 hours in (the middle of the horizon would be 11:30, with no calls)
        Assert.That(at, Is.EqualTo(14 * 3600));
    }

    [Test]
    public void PoissonOnly_MiddleOfTheHorizon()
    {
        double at = BusiestHour("2024-01-01T00:00:00Z", "1d", "10m", "  - { name: p, pattern: poisson, rate: 5/s }");

        Assert.That(at, Is.EqualTo(43200 - 1800));
    }

    [Test]
    public void StepsAndClosed_TheHigherPeakRateWins()
    {
        // Given: a steps source peaking at 2/s at 3h and a closed job of 8 callers (far more than 2/s at 45 ms each) at 6h
        double at = BusiestHour(
            "2024-01-01T00:00:00Z", "12h", "10m",
            "  - { name: s, pattern: steps, steps: [{ at: 0h, rate: 1/s }, { at: 3h, rate: 2/s }] }",
            "  - { name: batch, pattern: closed, clients: 8, images: 50000, at: 6h }");

        Assert.That(at, Is.EqualTo(6 * 3600));
    }
}
