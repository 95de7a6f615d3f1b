using System.Globalization;
using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// <c>sweep</c> and <c>plan</c> on real scenario files, end to end through the command line, with
/// short horizons so that the whole fixture stays fast.
/// </summary>
public sealed class ScenarioSweepTests
{
    private const string PlanScenario = SweepTestSupport.PlanScenario;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Samples(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "samples", name);

    private static string WriteScenario(string name, string yaml)
    {
        string dir = SweepTestSupport.TempFolder(name);
        string file = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private static List<string[]> Csv(string file) =>
        [.. File.ReadAllLines(Path.Combine(file, "sweep.csv")).Select(l => l.Split(','))];

    /// <summary>Every column of sweep.csv except the wall-clock ones.</summary>
    private static List<string> WithoutWall(List<string[]> rows)
    {
        int[] keep = [.. rows[0].Select((h, i) => (h, i)).Where(x => !x.h.StartsWith("wall_s", StringComparison.Ordinal)).Select(x => x.i)];
        return [.. rows.Select(r => string.Join(',', keep.Select(i => r[i])))];
    }

    [Test]
    public void Sweep_SampleSweepUnits_WritesOneRowAndOneFolderPerPoint()
    {
        // Given the sample sweep over min and max units (3 × 3), shortened
        string outDir = Path.Combine(SweepTestSupport.TempFolder("units"), "out");

        // When
        var (code, _, err) = Run("sweep", Samples("sweep-units.yaml"), "--set", "horizon=30m", "--set", "warmup=0s",
            "--replications", "2", "--parallel", "2", "--quiet", "--out", outDir);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        List<string[]> rows = Csv(outDir);
        Assert.That(rows, Has.Count.EqualTo(1 + 9));
        Assert.That(rows[0][..3], Is.EqualTo(new[] { "point", "deployment.min_units", "deployment.max_units" }));
        foreach (string[] row in rows.Skip(1))
        {
            Assert.That(File.Exists(Path.Combine(outDir, "points", row[0], "summary.json")), row[0]);
            Assert.That(File.Exists(Path.Combine(outDir, "points", row[0], "scenario.resolved.yaml")), row[0]);
        }

        Assert.That(rows.Skip(1).Select(r => (r[1], r[2])), Does.Contain(("3", "8")));
    }

    [Test]
    public void Sweep_TwoPointsWithTheSameConfiguration_GiveIdenticalMeasures()
    {
        // Given a sweep whose first and last values are the same (common random numbers across points)
        string yaml = File.ReadAllText(Samples("sweep-units.yaml"))
            .Replace("deployment.min_units: [1, 2, 3]", "deployment.min_units: [2, 1, 2]", StringComparison.Ordinal)
            .Replace("deployment.max_units: [4, 6, 8]", "deployment.max_units: [4]", StringComparison.Ordinal);
        string file = WriteScenario("twins", yaml);
        string outDir = Path.Combine(Path.GetDirectoryName(file)!, "out");

        // When
        var (code, _, err) = Run("sweep", file, "--set", "horizon=30m", "--set", "warmup=0s", "--replications", "3", "--quiet", "--out", outDir);

        // Then: the twins agree on every measure; the other point does not
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        List<string> rows = WithoutWall(Csv(outDir));
        Assert.That(rows, Has.Count.EqualTo(4));
        string Measures(string row) => row[(row.IndexOf(',', StringComparison.Ordinal) + 1)..];
        Assert.That(Measures(rows[3]), Is.EqualTo(Measures(rows[1])));
        Assert.That(Measures(rows[2]), Is.Not.EqualTo(Measures(rows[1])));
    }

    [Test]
    public void Sweep_ParallelOneOrTwo_WritesTheSameSweepCsv()
    {
        // Given the sample sweep, run with one and with two workers
        string root = SweepTestSupport.TempFolder("parallel");
        string[] Args(string outDir, string parallel) =>
            ["sweep", Samples("sweep-units.yaml"), "--set", "horizon=30m", "--set", "warmup=0s", "--replications", "2", "--parallel", parallel, "--quiet", "--out", outDir];

        // When
        var one = Run(Args(Path.Combine(root, "one"), "1"));
        var two = Run(Args(Path.Combine(root, "two"), "2"));

        // Then: identical apart from the wall-clock columns
        Assert.That(one.Code, Is.EqualTo(ExitCodes.Ok), one.Err);
        Assert.That(two.Code, Is.EqualTo(ExitCodes.Ok), two.Err);
        Assert.That(WithoutWall(Csv(Path.Combine(root, "two"))), Is.EqualTo(WithoutWall(Csv(Path.Combine(root, "one")))));
    }

    [Test]
    public void Sweep_InvalidScenario_IsAUsageErrorListingTheProblem()
    {
        // Given a scenario with a negative rate
        string file = WriteScenario("bad", PlanScenario.Replace("ZONES", "z1", StringComparison.Ordinal).Replace("rate: 20/s", "rate: -5/s", StringComparison.Ordinal));

        // When
        var (code, _, err) = Run("sweep", file, "--quiet", "--out", Path.Combine(Path.GetDirectoryName(file)!, "out"));

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("rate"));
    }

    [TestCase("sweep")]
    [TestCase("plan")]
    public void SweepAndPlan_OutageAfterTheHorizon_WarnOnStderrWithTheLine(string verb)
    {
        // Given: the plan scenario over two zones with an outage after its one-hour horizon
        string yaml = PlanScenario.Replace("ZONES", "z1, z2", StringComparison.Ordinal) + """

            failures:
              zone_outages:
                - { zone: z2, at: 2h, duration: 30m }
            sweep:
              deployment.min_units: [2, 3]
            """;
        string file = WriteScenario("late-" + verb, yaml);
        int line = Array.FindIndex(yaml.Split('\n'), l => l.Contains("at: 2h", StringComparison.Ordinal)) + 1;

        // When
        string[] args = verb == "sweep"
            ? ["sweep", file, "--quiet", "--replications", "1", "--out", Path.Combine(Path.GetDirectoryName(file)!, "out")]
            : ["plan", file, "--quiet", "--min-replications", "2", "--units-limit", "4", "--out", Path.Combine(Path.GetDirectoryName(file)!, "out")];
        var (code, stdout, err) = Run(args);

        // Then: it ran, and said, with file and line, that the outage will not happen
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
        Assert.That(err, Does.Contain("will not happen"));
        Assert.That(err, Does.Contain($"{Path.GetFileName(file)}:{line}:"));
    }

    private static JsonElement Plan(string zones, params string[] extra)
    {
        string file = WriteScenario("plan", PlanScenario.Replace("ZONES", zones, StringComparison.Ordinal));
        string outDir = Path.Combine(Path.GetDirectoryName(file)!, "out");
        var (code, stdout, err) = Run(["plan", file, "--json", "--quiet", "--parallel", "2", "--min-replications", "3", "--units-limit", "8", "--out", outDir, .. extra]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Test]
    public void Plan_ConstantLoadDeterministicService_NeedsThreeUnitsAtThePeak()
    {
        // Given offered load R·S = 20/s × 0.1 s = 2 units: two units (utilisation 1) shed calls, three hold

        // When
        JsonElement plan = Plan("z1");

        // Then: the naive two units fail; the answer peaks at three units
        Assert.That(plan.GetProperty("naive_units").GetInt32(), Is.EqualTo(2));
        Assert.That(plan.GetProperty("naive").GetProperty("feasible").GetBoolean(), Is.False);
        JsonElement answer = plan.GetProperty("answer");
        Assert.That(answer.GetProperty("max_units").GetInt32(), Is.EqualTo(3));
        Assert.That(answer.GetProperty("feasible").GetBoolean(), Is.True);
    }

    [Test]
    public void Plan_WithZoneLossOverTwoZones_NeedsAStrictlyLargerDeployment()
    {
        // Given the same load over two zones, one of which may be lost for an hour

        // When
        JsonElement plain = Plan("z1, z2");
        JsonElement lossy = Plan("z1, z2", "--zone-loss");

        // Then
        int units = plain.GetProperty("answer").GetProperty("max_units").GetInt32();
        Assert.That(units, Is.EqualTo(3));
        Assert.That(lossy.GetProperty("answer").GetProperty("max_units").GetInt32(), Is.GreaterThan(units));
        Assert.That(lossy.GetProperty("answer").GetProperty("min_units").GetInt32(), Is.GreaterThan(plain.GetProperty("answer").GetProperty("min_units").GetInt32()));
    }
}
