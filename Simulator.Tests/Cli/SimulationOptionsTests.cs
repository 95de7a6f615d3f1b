using System.CommandLine;
using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// The shared simulation options (<see cref="SimulationOptions"/>): every verb that simulates takes
/// <c>--horizon</c>, <c>--replications</c>, <c>--seed</c>, <c>--set</c> and <c>--parallel</c>, with the
/// same help and the same checks; a <c>--set</c> that a sweep or plan would silently replace is refused.
/// </summary>
[NonParallelizable]
public sealed class SimulationOptionsTests
{
    private static readonly string[] Shared = ["--horizon", "--replications", "--seed", "--set", "--parallel"];

    private TempDir _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDir();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>The verbs that simulate a scenario, as typed.</summary>
    public static IEnumerable<string[]> SimulatingVerbs()
    {
        yield return ["run"];
        yield return ["sweep"];
        yield return ["plan"];
        yield return ["backtest"];
        yield return ["fit", "autoscaler"];
    }

    private string[] Observed(string[] verb) => verb[0] is "backtest" or "fit" ? ["--observed", _dir["obs"]] : [];

    private static Command Find(string[] verb)
    {
        Command c = CommandLine.Build();
        foreach (string name in verb)
        {
            c = c.Subcommands.Single(s => s.Name == name);
        }

        return c;
    }

    [TestCaseSource(nameof(SimulatingVerbs))]
    public void Verb_TakesEverySharedOption_WithTheSameHelp(string[] verb)
    {
        // Given the verb and run (the reference)
        Command command = Find(verb);
        Command run = Find(["run"]);

        foreach (string name in Shared)
        {
            // Then
            Option? option = command.Options.SingleOrDefault(o => o.Name == name);
            Option reference = run.Options.Single(o => o.Name == name);
            Assert.That(option, Is.Not.Null, $"{string.Join(' ', verb)} has no {name}");
            Assert.That(option!.HelpName, Is.EqualTo(reference.HelpName), name);
            if (name != "--replications")
            {
                Assert.That(option.Description, Is.EqualTo(reference.Description), $"{name}: one definition, one help text");
            }
            else
            {
                Assert.That(option.Description, Does.Contain("eplications"));
            }
        }
    }

    [TestCaseSource(nameof(SimulatingVerbs))]
    public void Verb_ParallelZero_Exit2SameMessage(string[] verb)
    {
        // When: --parallel is checked before anything is read
        var r = CliRun.Run([.. verb, _dir["none.yaml"], .. Observed(verb), "--parallel", "0", "--out", _dir["out"]]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err.Trim(), Is.EqualTo("error: --parallel must be at least 1 (got 0)"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [TestCaseSource(nameof(SimulatingVerbs))]
    public void Verb_ReplicationsZero_Exit2SameMessage(string[] verb)
    {
        // When
        var r = CliRun.Run([.. verb, _dir["none.yaml"], .. Observed(verb), "--replications", "0", "--out", _dir["out"]]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err.Trim(), Is.EqualTo("error: --replications must be at least 1 (got 0)"));
    }

    [Test]
    public void Overrides_NamedOptionsComeAfterSet_SoTheyWin()
    {
        // Given --set seed=5 and --seed 9
        var given = new SimulationOverrides("6h", 4, 9, ["seed=5", "deployment.min_units=3"], null);

        // Then: the loader applies them in order, so the named options win
        Assert.That(given.Sets, Is.EqualTo(new[] { "seed=5", "deployment.min_units=3", "seed=9", "replications=4", "horizon=6h" }));
        Assert.That(given.ToSweep(iKnow: false).All, Is.EqualTo(given.Sets), "sweep, plan and sensitivity get the same overrides");
    }

    [Test]
    public void Run_SeedOverSetSeed_NamedOptionWins()
    {
        // Given
        string file = SweepTestSupport.SweepScenario(_dir.Path, replications: 1);

        // When
        var r = CliRun.Run("run", file, "--set", "seed=5", "--seed", "9", "--horizon", "2m", "--out", _dir["out"], "--quiet");

        // Then
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        string resolved = File.ReadAllText(Path.Combine(_dir["out"], "scenario.resolved.yaml"));
        Assert.That(resolved, Does.Contain("seed: 9  # from: --set"));
        Assert.That(resolved, Does.Contain("horizon: 2m  # from: --set"));
    }

    [Test]
    public void Sweep_Horizon_EveryPointRunsTheGivenHorizon()
    {
        // Given a sweep whose scenario says 10m
        string file = SweepTestSupport.SweepScenario(_dir.Path, replications: 2);

        // When
        var r = CliRun.Run("sweep", file, "--horizon", "3m", "--replications", "1", "--seed", "11", "--out", _dir["out"], "--quiet", "--parallel", "2");

        // Then
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        string[] points = Directory.GetDirectories(Path.Combine(_dir["out"], "points"));
        Assert.That(points, Has.Length.EqualTo(8));
        foreach (string point in points)
        {
            string resolved = File.ReadAllText(Path.Combine(point, "scenario.resolved.yaml"));
            Assert.That(resolved, Does.Contain("horizon: 3m  # from: --set"), point);
            Assert.That(resolved, Does.Contain("replications: 1  # from: --set"), point);
            Assert.That(resolved, Does.Contain("seed: 11  # from: --set"), point);
        }
    }

    [Test]
    public void Sweep_SetOfASweptField_Exit2AtTheSweepEntry()
    {
        // Given a sweep varying deployment.min_units (line 17 of the file, column 3)
        string file = SweepTestSupport.SweepScenario(_dir.Path);
        string[] lines = File.ReadAllLines(file);
        int line = Array.FindIndex(lines, l => l.TrimStart().StartsWith("deployment.min_units:", StringComparison.Ordinal)) + 1;
        int column = lines[line - 1].IndexOf('d', StringComparison.Ordinal) + 1;

        // When
        var r = CliRun.Run("sweep", file, "--set", "deployment.min_units=3", "--out", _dir["out"], "--quiet");

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain($"{file}:{line}:{column}: error: --set deployment.min_units=3 sets a field this sweep varies (sweep.deployment.min_units)"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [Test]
    public void Sweep_SetOfAnotherField_IsUsed()
    {
        // Given
        string file = SweepTestSupport.SweepScenario(_dir.Path, replications: 1);

        // When: max_units is not swept
        var r = CliRun.Run("sweep", file, "--set", "deployment.max_units=5", "--horizon", "1m", "--out", _dir["out"], "--quiet");

        // Then
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        string point = Directory.GetDirectories(Path.Combine(_dir["out"], "points"))[0];
        Assert.That(File.ReadAllText(Path.Combine(point, "scenario.resolved.yaml")), Does.Contain("max_units: 5  # from: --set"));
    }

    [Test]
    public void Plan_Horizon_IsThePlansHorizon()
    {
        // Given the one-hour plan scenario
        string file = SweepTestSupport.PlanScenarioFile(_dir.Path);

        // When
        var r = CliRun.Run("plan", file, "--horizon", "10m", "--replications", "3", "--units-limit", "4", "--json", "--quiet", "--out", _dir["out"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(0).Or.EqualTo(1), r.Err);
        using JsonDocument json = JsonDocument.Parse(r.Out);
        Assert.That(json.RootElement.GetProperty("horizon_s").GetDouble(), Is.EqualTo(600));
        Assert.That(json.RootElement.GetProperty("candidates")[0].GetProperty("replications").GetInt32(), Is.GreaterThanOrEqualTo(3));
    }

    [TestCase("deployment.min_units=3")]
    [TestCase("deployment.max_units=6")]
    public void Plan_SetOfASearchedField_Exit2(string set)
    {
        // Given
        string file = SweepTestSupport.PlanScenarioFile(_dir.Path);

        // When
        var r = CliRun.Run("plan", file, "--set", set, "--quiet", "--out", _dir["out"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain($"--set {set}: every plan candidate sets").And.Contain("so this value would be ignored"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    [Test]
    public void Plan_SetTargetWithTargets_Exit2_WithoutTargets_Used()
    {
        // Given
        string file = SweepTestSupport.PlanScenarioFile(_dir.Path);

        // When
        var r = CliRun.Run("plan", file, "--set", "autoscaling.target=60%", "--targets", "50%,70%", "--quiet", "--out", _dir["out"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("--targets lists the targets plan tries"));
        Assert.DoesNotThrow(() => PlanCommand.RefuseSearchedSets(["autoscaling.target=60%"], targetsGiven: false, scheduleBounds: true));
    }

    [Test]
    public void Plan_ReplicationsDisagreeingWithMinReplications_Exit2()
    {
        // Given
        string file = SweepTestSupport.PlanScenarioFile(_dir.Path);

        // When
        var r = CliRun.Run("plan", file, "--replications", "4", "--min-replications", "6", "--quiet", "--out", _dir["out"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("--replications 4 and --min-replications 6 disagree"));
    }

    private string TenObservedMinutes()
    {
        Directory.CreateDirectory(_dir["obs"]);
        var csv = new System.Text.StringBuilder("time_s,timestamp,metric,value\n");
        for (int m = 0; m < 10; m++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{m * 60},2024-03-04T06:{m:00}:00Z,InServiceInferenceUnits,2\n");
        }

        File.WriteAllText(Path.Combine(_dir["obs"], "observed.csv"), csv.ToString());
        File.WriteAllText(_dir["s.yaml"], """
            name: small
            start: 2024-03-04T06:00:00Z
            horizon: 30m
            replications: 1
            service:
              base: 500ms
            traffic:
              - { name: line, pattern: poisson, rate: 2/s }
            deployment:
              min_units: 2
              max_units: 4
            autoscaling:
              evaluation: 1m
            """);
        return _dir["obs"];
    }

    [Test]
    public void Backtest_Horizon_CutsTheObservedWindow()
    {
        // Given ten observed minutes
        string observed = TenObservedMinutes();

        // When
        var r = CliRun.Run("backtest", _dir["s.yaml"], "--observed", observed, "--horizon", "4m", "--seed", "3", "--out", _dir["out"], "--quiet");

        // Then: four periods are simulated and compared
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        Assert.That(File.ReadAllText(Path.Combine(_dir["out"], "scenario.resolved.yaml")), Does.Contain("horizon: 4m"));
        Assert.That(r.Out, Does.Match(@"units_in_service\s+4\s"));
    }

    [TestCaseSource(nameof(ObservedVerbs))]
    public void Observed_HorizonLongerThanWindow_Exit2(string[] verb)
    {
        // Given ten observed minutes
        string observed = TenObservedMinutes();

        // When
        var r = CliRun.Run([.. verb, _dir["s.yaml"], "--observed", observed, "--horizon", "1h", "--out", _dir["out"], "--quiet"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("--horizon 1h is longer than the observed window (10m in ").And.Contain("--horizon can only shorten it"));
        Assert.That(Directory.Exists(_dir["out"]), Is.False);
    }

    /// <summary>The verbs that run a scenario over an observed window.</summary>
    public static IEnumerable<string[]> ObservedVerbs()
    {
        yield return ["backtest"];
        yield return ["fit", "autoscaler"];
    }
}
