using LookoutSim.Experiments;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>compare</c> checks that two folders were run the same way (scenario file, horizon, warm-up,
/// replications, seed) before it calls a difference a regression: a 6 h run against a 2 h baseline is
/// refused with what differs (exit 2), unless <c>--allow-different</c>.
/// </summary>
[NonParallelizable]
public sealed class CompareComparabilityTests
{
    private TempDir _dir = null!;
    private string _scenario = "";

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _scenario = SweepTestSupport.SweepScenario(_dir.Path, replications: 1);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Run(string name, params string[] args)
    {
        var r = CliRun.Run(["run", _scenario, "--out", _dir[name], "--quiet", .. args]);
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        return _dir[name];
    }

    [Test]
    public void Compare_HorizonTripled_Exit2NamesTheHorizonNoVerdict()
    {
        // Given a 2-minute baseline and a 6-minute run of the same scenario (cost +200%)
        string baseline = Run("base", "--horizon", "2m");
        string current = Run("cur", "--horizon", "6m");

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("were not run the same way, so their measures are not comparable"));
        Assert.That(r.Err, Does.Contain("  horizon: 2m in the baseline, 6m in the current folder"));
        Assert.That(r.Err, Does.Contain("pass --allow-different"));
        Assert.That(r.Err, Does.Not.Contain("seed:").And.Not.Contain("replications:"));
        Assert.That(r.Out, Does.Not.Contain("REGRESSED"));
    }

    [Test]
    public void Compare_AllowDifferent_ComparesAndWarns()
    {
        // Given
        string baseline = Run("base", "--horizon", "2m");
        string current = Run("cur", "--horizon", "6m");

        // When
        var r = CliRun.Run("compare", baseline, current, "--allow-different");

        // Then: compared as asked, cost tripled, with the warning
        Assert.That(r.Exit, Is.EqualTo(1), r.Err);
        Assert.That(r.Err, Does.StartWith("warning: compared although the folders were run differently (--allow-different):"));
        Assert.That(r.Err, Does.Contain("horizon: 2m in the baseline, 6m in the current folder"));
        Assert.That(r.Out, Does.Contain("REGRESSED"));
    }

    [Test]
    public void Compare_SeedReplicationsWarmupDiffer_EachNamed()
    {
        // Given
        string baseline = Run("base", "--horizon", "2m", "--seed", "3", "--replications", "2", "--set", "warmup=0s");
        string current = Run("cur", "--horizon", "2m", "--seed", "4", "--replications", "3", "--set", "warmup=30s");

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("  warm-up: 0s in the baseline, 30s in the current folder"));
        Assert.That(r.Err, Does.Contain("  replications: 2 in the baseline, 3 in the current folder"));
        Assert.That(r.Err, Does.Contain("  seed: 3 in the baseline, 4 in the current folder"));
        Assert.That(r.Err, Does.Not.Contain("horizon:"));
    }

    [Test]
    public void Compare_ScenarioFileEdited_Exit2NamesTheFile()
    {
        // Given the same run before and after the file's traffic was changed (5/s to 6/s)
        string baseline = Run("base", "--horizon", "2m");
        string text = File.ReadAllText(_scenario);
        Assert.That(text, Does.Contain("rate: 5/s"));
        File.WriteAllText(_scenario, text.Replace("rate: 5/s", "rate: 6/s", StringComparison.Ordinal));
        string current = Run("cur", "--horizon", "2m");

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("  scenario file: SHA-256 ").And.Contain("(the file was edited)"));
    }

    [Test]
    public void Compare_ScenarioFileEditedInCommentsAndBlankLinesOnly_ComparesWithoutWarning()
    {
        // Given the same run before and after the file gained comments (a heading, one at the end of a
        // line, one at the end) and blank lines: the same scenario, another file
        string baseline = Run("base", "--horizon", "2m");
        string text = File.ReadAllText(_scenario);
        Assert.That(text, Does.Contain("max_units: 4\n"));
        File.WriteAllText(_scenario, "# line 3, reviewed\n\n" + text.Replace("max_units: 4\n", "max_units: 4   # agreed with ops\n\n", StringComparison.Ordinal) + "\n# end\n");
        string current = Run("cur", "--horizon", "2m");
        Assert.That(File.ReadAllBytes(Path.Combine(current, "scenario.resolved.yaml")), Is.EqualTo(File.ReadAllBytes(Path.Combine(baseline, "scenario.resolved.yaml"))));

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then: compared as the same scenario, nothing refused or warned
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        Assert.That(r.Err, Does.Not.Contain("scenario file").And.Not.Contain("not comparable"));
    }

    [Test]
    public void Compare_EditedFile_ResolvedScenarioMissingFromOneFolder_FallsBackToTheFilesHash()
    {
        // Given a comment-only edit, and the baseline's scenario.resolved.yaml removed (an older or pruned folder)
        string baseline = Run("base", "--horizon", "2m");
        File.AppendAllText(_scenario, "\n# edited\n");
        string current = Run("cur", "--horizon", "2m");
        File.Delete(Path.Combine(baseline, "scenario.resolved.yaml"));

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then: nothing says the scenario is the same, so the edit is reported as before
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("(the file was edited)"));
    }

    [Test]
    public void Compare_SameRunTwice_Exit0NoWarning()
    {
        // Given
        string baseline = Run("base", "--horizon", "2m");
        string current = Run("cur", "--horizon", "2m");

        // When
        var r = CliRun.Run("compare", baseline, current);

        // Then
        Assert.That(r.Exit, Is.EqualTo(0), r.Err + r.Out);
        Assert.That(r.Err, Is.Empty);
    }

    [Test]
    public void Compare_SweepsOfDifferentHorizons_Exit2()
    {
        // Given two sweeps of the same file, 1 and 2 minutes
        var a = CliRun.Run("sweep", _scenario, "--horizon", "1m", "--out", _dir["a"], "--quiet");
        var b = CliRun.Run("sweep", _scenario, "--horizon", "2m", "--out", _dir["b"], "--quiet");
        Assert.That(a.Exit + b.Exit, Is.Zero, a.Err + b.Err);

        // When
        var r = CliRun.Run("compare", _dir["a"], _dir["b"]);

        // Then
        Assert.That(r.Exit, Is.EqualTo(2), r.Err);
        Assert.That(r.Err, Does.Contain("  horizon: 1m in the baseline, 2m in the current folder"));
    }

    [Test]
    public void Differences_FieldOnlyOneFolderRecords_IsNotADifference()
    {
        // Given an older folder that recorded no horizon
        var older = new ResultsProvenance("line", null, 1, 5, null, null);
        var newer = new ResultsProvenance("line", "ab", 1, 5, 7200, 0);

        // Then
        Assert.That(ResultsComparability.Differences(older, newer), Is.Empty);
        Assert.That(ResultsComparability.Differences(newer, newer with { HorizonS = 21600 }), Is.EqualTo(new[] { "horizon: 2h in the baseline, 6h in the current folder" }));
    }
}
