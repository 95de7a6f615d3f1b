using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>plan --robust</c> on a scenario whose answer is known: 20 calls/s of deterministic calls, one
/// at a time per unit, queues deep enough that nothing fails, and only a p99 SLO of 600 ms. At
/// the nominal 100 ms the offered load is two units; at 160 ms it is 3.2 units, which three
/// units cannot carry (the queue grows without end and p99 with it), so the high end of
/// <c>service.base</c> breaks the nominal plan's p99.
/// </summary>
[TestFixture]
public sealed class PlanRobustTests
{
    private const string Scenario = """
        name: robust-small
        seed: 7
        horizon: 5m
        warmup: 0s
        replications: 3
        service:
          base: 100ms
          distribution: deterministic
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
          - name: line
            pattern: poisson
            rate: 20/s
        deployment:
          zones: [z1]
          min_units: 1
          queue_per_unit: 1000
        billing:
          price_per_unit_hour: 4
        slo:
          latency_p99: 600ms
        uncertainty:
          service.base: RANGE
        """;

    private static readonly string[] Small = ["--quiet", "--json", "--parallel", "2", "--min-replications", "3", "--max-replications", "6", "--units-limit", "8", "--samples", "4"];

    private string dir = "";

    [OneTimeSetUp]
    public void Folder() => dir = SweepTestSupport.TempFolder("plan-robust");

    private (JsonElement Json, string Folder) Plan(string range, params string[] extra)
    {
        string file = Path.Combine(dir, "s-" + range.Replace("..", "-", StringComparison.Ordinal).Replace("%", "pct", StringComparison.Ordinal).Replace("±", "pm", StringComparison.Ordinal) + ".yaml");
        File.WriteAllText(file, Scenario.Replace("RANGE", range, StringComparison.Ordinal));
        string outDir = file + ".out";
        (int code, string stdout, string stderr) = CliRun.Run(["plan", file, "--robust", .. extra, "--out", outDir, "--force", .. Small]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr + stdout);
        return (JsonDocument.Parse(stdout).RootElement.Clone(), outDir);
    }

    private static int Units(JsonElement robust, string which) => robust.GetProperty(which).GetProperty("max_units").GetInt32();

    [Test]
    public void HighEndOfServiceBaseBreakingP99_GivesMoreUnits_NamesTheField_AndPricesIt()
    {
        // When
        (JsonElement json, string folder) = Plan("90ms..160ms");

        // Then: the nominal plan (three units) and a robust one with more, forced by service.base's high end
        JsonElement r = json.GetProperty("robust");
        Assert.That(Units(r, "nominal"), Is.EqualTo(3));
        Assert.That(Units(r, "robust"), Is.GreaterThan(Units(r, "nominal")));
        Assert.That(r.GetProperty("robust").GetProperty("min_units").GetInt32(), Is.GreaterThanOrEqualTo(r.GetProperty("nominal").GetProperty("min_units").GetInt32()));
        JsonElement forced = r.GetProperty("forced_by");
        Assert.That(forced.GetProperty("field").GetString(), Is.EqualTo("service.base"));
        Assert.That(forced.GetProperty("end").GetString(), Is.EqualTo("high"));
        Assert.That(forced.GetProperty("why").GetString(), Does.Contain("latency_p99"));
        Assert.That(r.GetProperty("extra_cost_per_30_days").GetDouble(), Is.GreaterThan(0));
        Assert.That(r.GetProperty("extra_cost_per_1000_images").GetDouble(), Is.GreaterThan(0));
        Assert.That(json.GetProperty("answer").GetProperty("max_units").GetInt32(), Is.EqualTo(Units(r, "robust")), "the answer applied is the robust one");

        // And: plan.csv has both searches, each answer naming what it rests on; the page shows both side by side
        string[] csv = File.ReadAllLines(Path.Combine(folder, "plan.csv"));
        string[] header = csv[0].Split(',');
        int search = Array.IndexOf(header, "search"), role = Array.IndexOf(header, "role"), assumptions = Array.IndexOf(header, "assumptions");
        var answers = csv.Skip(1).Select(l => l.Split(',')).Where(f => f[role] == "answer").ToList();
        Assert.That(answers.Select(a => a[search]), Is.EquivalentTo(new[] { "nominal", "robust" }));
        Assert.That(answers.Single(a => a[search] == "nominal")[assumptions], Does.Contain("service.base=100ms [90ms..160ms]"));
        Assert.That(answers.Single(a => a[search] == "robust")[assumptions], Does.Contain("service.base 90ms..160ms"));
        string html = File.ReadAllText(Path.Combine(folder, "plan.html"));
        Assert.That(html, Does.Contain("id=\"robust\"").And.Contain("id=\"forced-by\"").And.Contain("id=\"assumptions\""));
    }

    [Test]
    public void WideningTheRange_NeverShrinksTheRobustPlan_AndItIsNeverBelowTheNominal()
    {
        // Given: nested ranges around the nominal value, the same seed and sample size
        string[] ranges = ["95ms..105ms", "95ms..130ms", "95ms..160ms"];

        // When
        JsonElement[] plans = [.. ranges.Select(range => Plan(range).Json.GetProperty("robust"))];
        int[] robust = [.. plans.Select(p => Units(p, "robust"))];
        int nominal = Units(plans[0], "nominal");

        // Then
        Assert.That(robust, Is.Ordered, string.Join(", ", robust));
        Assert.That(robust, Has.All.GreaterThanOrEqualTo(nominal));
        Assert.That(robust[^1], Is.GreaterThan(nominal));
    }

    [Test]
    public void TerminalText_ShowsBothPlans_TheCostOfRobustness_AndTheAssumptions()
    {
        string file = Path.Combine(dir, "text.yaml");
        File.WriteAllText(file, Scenario.Replace("RANGE", "90ms..160ms", StringComparison.Ordinal));
        string[] args = [.. Small.Where(a => a != "--json")];
        (int code, string stdout, string stderr) = CliRun.Run(["plan", file, "--robust", "100%", "--out", file + ".out", "--force", .. args]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr + stdout);
        Assert.That(stdout, Does.Contain("nominal plan").And.Contain("robust plan"));
        Assert.That(stdout, Does.Contain("robustness costs +").And.Contain("per 30 days").And.Contain("per 1000 images"));
        Assert.That(stdout, Does.Contain("forced by:  service.base at its high end (160ms"));
        Assert.That(stdout, Does.Contain("assumes:    service.base 90ms..160ms [nominal 100ms]"));
    }

    [TestCase("150%", "is not a share")]
    [TestCase("0%", "is not a share")]
    public void BadShare_IsBadInput(string share, string message)
    {
        string file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, Scenario.Replace("RANGE", "90ms..160ms", StringComparison.Ordinal));
        (int code, _, string stderr) = CliRun.Run(["plan", file, "--robust", share, "--out", file + ".out", "--force", .. Small]);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr, Does.Contain(message));
    }

    [Test]
    public void NoUncertainty_IsBadInput()
    {
        string file = Path.Combine(dir, "none.yaml");
        File.WriteAllText(file, Scenario.Replace("RANGE", "90ms..160ms", StringComparison.Ordinal).Replace("uncertainty:\n  service.base: 90ms..160ms", "uncertainty: none", StringComparison.Ordinal));
        (int code, _, string stderr) = CliRun.Run(["plan", file, "--robust", "--out", file + ".out", "--force", .. Small]);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), stderr);
        Assert.That(stderr, Does.Contain("declares no uncertainty"));
        Assert.That(Directory.Exists(file + ".out"), Is.False);
    }
}
