using System.Diagnostics;
using System.Globalization;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

/// <summary>
/// What <c>--force</c>, links, signals and long paths may do to a user's files: only a folder
/// LookoutSim provably wrote (its manifest) is ever replaced, nothing is written or deleted
/// through a link, an interrupted command leaves nothing behind, and a path that cannot be
/// written is refused before any work, in one short line.
/// </summary>
[NonParallelizable]
public sealed class ForceSafetyTests
{
    private static readonly ResultsWriteOptions FilesOnly = new() { Charts = false, Report = false };

    private TempDir _tmp = null!;

    [SetUp]
    public void CreateFolder() => _tmp = new TempDir();

    [TearDown]
    public void RemoveFolder() => _tmp.Dispose();

    // ---- the reproduction of the issue and --force in general -------------------------------------

    [Test]
    public void Run_ForceOnTheScenariosFolderHoldingUserFiles_Exit2AndNothingIsDeleted()
    {
        // Given proj/ with the scenario, notes, a look-alike summary.json and a source folder
        string proj = _tmp["proj"];
        Directory.CreateDirectory(Path.Combine(proj, "src"));
        string scenario = Scenario(Path.Combine(proj, "scen.yaml"));
        File.WriteAllText(Path.Combine(proj, "notes.txt"), "notes\n");
        File.WriteAllText(Path.Combine(proj, "summary.json"), "{\"coverage\": 93}\n");
        var before = Snapshot(proj);

        // When `run proj/scen.yaml --out proj --force`
        (int code, _, string err) = Cli("run", scenario, "--out", proj, "--force", "--quiet");

        // Then exit 2, a one-line reason, every file as it was, and the simulation never started
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("not replacing it even with --force"));
        Assert.That(Snapshot(proj), Is.EqualTo(before));
        Assert.That(_tmp.Listing().Where(p => !p.Contains('/')), Is.EqualTo(new[] { "proj" }));
    }

    [Test]
    public void Run_ForceOnAFolderOfUserFilesWithALookalikeSummary_Exit2NamingWhatLookoutSimDidNotWrite()
    {
        // Given a folder with summary.json (the old guess of "ours"), notes and a subfolder, but no manifest
        string scenario = Scenario(_tmp["scen.yaml"]);
        string proj = _tmp["proj"];
        Directory.CreateDirectory(Path.Combine(proj, "src"));
        File.WriteAllText(Path.Combine(proj, "summary.json"), "{\"coverage\": 93}\n");
        File.WriteAllText(Path.Combine(proj, "sweep.csv"), "x\n");
        var before = Snapshot(proj);

        // When run with --force into it
        (int code, _, string err) = Cli("run", scenario, "--out", proj, "--force", "--quiet");

        // Then refused, saying how to proceed, and untouched
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain(OutputManifest.FileName).And.Contain("delete it yourself"));
        Assert.That(err, Does.Contain("src/").And.Contain("summary.json").And.Contain("sweep.csv"));
        Assert.That(Snapshot(proj), Is.EqualTo(before));
    }

    [TestCase("extra-file")]
    [TestCase("extra-folder")]
    [TestCase("changed-file")]
    [TestCase("link")]
    public void Write_ForceOnOwnFolderWithSomethingLookoutSimDidNotWrite_RefusesNamingIt(string change)
    {
        // Given a results folder LookoutSim wrote, then changed by someone
        string dir = ResultsFolder.Write(FakeResults.Small(), _tmp["r"], FilesOnly);
        string outside = Directory.CreateDirectory(_tmp["outside"]).FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "keep");
        string named = change switch
        {
            "extra-file" => Write(Path.Combine(dir, "notes.txt"), "mine", "notes.txt"),
            "extra-folder" => Directory.CreateDirectory(Path.Combine(dir, "src")).Name + "/",
            "changed-file" => Write(Path.Combine(dir, "zones.csv"), "zone\nmine\n", "zones.csv (changed"),
            _ => Link(Path.Combine(dir, "data"), outside, "data (a link)"),
        };
        var before = Snapshot(dir);

        // When another result is written there with force
        var ex = Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Small(withRequests: false), dir, FilesOnly with { Force = true }));

        // Then it is refused, naming what LookoutSim did not write, and nothing changed
        Assert.That(ex!.Message, Does.Contain(named));
        Assert.That(Snapshot(dir), Is.EqualTo(before));
        Assert.That(File.ReadAllText(Path.Combine(outside, "keep.txt")), Is.EqualTo("keep"));
    }

    [Test]
    public void Write_ForceOnAFolderWhoseManifestHashesDoNotMatch_Refuses()
    {
        // Given a user folder with a manifest copied from a results folder (hashes of other files)
        string ours = ResultsFolder.Write(FakeResults.Small(), _tmp["r"], FilesOnly);
        string theirs = Directory.CreateDirectory(_tmp["theirs"]).FullName;
        File.Copy(Path.Combine(ours, OutputManifest.FileName), Path.Combine(theirs, OutputManifest.FileName));
        File.WriteAllText(Path.Combine(theirs, "summary.json"), "{\"coverage\": 93}\n");
        File.WriteAllText(Path.Combine(theirs, "summary.csv"), "mine\n");

        // When written with force
        var ex = Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Small(), theirs, FilesOnly with { Force = true }));

        // Then refused: the files are not the ones the manifest lists
        Assert.That(ex!.Message, Does.Contain("summary.json (changed").And.Contain("summary.csv (changed"));
        Assert.That(File.ReadAllText(Path.Combine(theirs, "summary.csv")), Is.EqualTo("mine\n"));
    }

    [TestCase("not json")]
    [TestCase("{\"tool\": \"other\", \"folders\": [], \"files\": []}")]
    [TestCase("{\"tool\": \"lookoutsim\"}")]
    public void Write_ForceOnAFolderWithAnInvalidManifest_Refuses(string manifest)
    {
        // Given a folder with a file and an invalid manifest
        string dir = Directory.CreateDirectory(_tmp["d"]).FullName;
        File.WriteAllText(Path.Combine(dir, OutputManifest.FileName), manifest);
        File.WriteAllText(Path.Combine(dir, "a.txt"), "a");

        // When / Then
        Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Small(), dir, FilesOnly with { Force = true }));
        Assert.That(File.ReadAllText(Path.Combine(dir, "a.txt")), Is.EqualTo("a"));
    }

    [Test]
    public void Run_ForceOverTheFolderHoldingTheScenarioItReads_Exit2EvenWhenLookoutSimWroteIt()
    {
        // Given a results folder whose scenario.resolved.yaml is run again, into the same folder
        string scenario = Scenario(_tmp["scen.yaml"]);
        string r = _tmp["r"];
        Assert.That(Cli("run", scenario, "--out", r, "--quiet").Code, Is.Zero);
        string resolved = Path.Combine(r, ResultsFolder.ScenarioFile);
        var before = Snapshot(r);

        // When `run r/scenario.resolved.yaml --out r --force`
        (int code, _, string err) = Cli("run", resolved, "--out", r, "--force", "--quiet");

        // Then refused: the folder holds the scenario being read
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("which this command reads"));
        Assert.That(Snapshot(r), Is.EqualTo(before));
    }

    [Test]
    public void Run_ForceOverTheFolderHoldingATraceItReads_Exit2EvenWhenTheManifestListsIt()
    {
        // Given a results folder holding a trace, recorded in its manifest (so only the trace's use protects it)
        string r = _tmp["r"];
        Assert.That(Cli("run", Scenario(_tmp["scen.yaml"]), "--out", r, "--quiet").Code, Is.Zero);
        string trace = Path.Combine(r, "trace.csv");
        File.Copy(Path.Combine(LayeringTests.RepositoryRoot(), "samples", "traces", "line2-day.csv"), trace);
        OutputManifest.Record(r, [trace]);
        Assert.That(OutputManifest.Foreign(r, out _), Is.Empty);
        string traceScenario = _tmp["trace.yaml"];
        File.WriteAllText(traceScenario, ScenarioText("trace", "- { name: line, pattern: trace, file: r/trace.csv, column: count, interval: 1m }"));
        var before = Snapshot(r);

        // When run with --force into the folder holding its trace
        (int code, _, string err) = Cli("run", traceScenario, "--out", r, "--force", "--quiet");

        // Then refused: the folder holds the trace being read
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("trace.csv").And.Contain("which this command reads"));
        Assert.That(Snapshot(r), Is.EqualTo(before));
    }

    [Test]
    public void CheckTarget_TheCurrentFolderOrAnAncestor_RefusedEvenWithForce()
    {
        // Given the current folder and its parent
        string cwd = Directory.GetCurrentDirectory();

        // When / Then
        var ex = Assert.Throws<OutputException>(() => OutputFolder.CheckTarget(cwd, force: true));
        Assert.That(ex!.Message, Does.Contain("current folder"));
        Assert.Throws<OutputException>(() => OutputFolder.CheckTarget(Path.GetDirectoryName(cwd)!, force: true));
        Assert.Throws<OutputException>(() => OutputFolder.CheckTarget(".", force: true));
    }

    [Test]
    public void Sweep_ForceOnAUserFolder_Exit2AndUntouched()
    {
        // Given a folder of user files
        string spec = Scenario(_tmp["sweep.yaml"], sweep: true);
        string user = UserFolder("user");
        var before = Snapshot(user);

        // When a sweep is written there with --force
        (int code, _, string err) = Cli("sweep", spec, "--out", user, "--force", "--quiet");

        // Then refused, untouched, no temporary left
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("not replacing it even with --force").And.Contain("notes.txt"));
        Assert.That(Snapshot(user), Is.EqualTo(before));
        Assert.That(Hidden(), Is.Empty);
    }

    [Test]
    public void Plan_ForceOnAUserFolder_Exit2BeforePlanningAndUntouched()
    {
        // Given a folder of user files
        string spec = PlanSpec();
        string user = UserFolder("user");
        var before = Snapshot(user);

        // When a plan is written there with --force
        (int code, string stdout, string err) = Cli("plan", spec, "--out", user, "--force", "--quiet");

        // Then refused before any candidate is evaluated, untouched
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Not.Contain("candidate"));
        Assert.That(stdout, Is.Empty);
        Assert.That(Snapshot(user), Is.EqualTo(before));

        // And the plan folder it writes elsewhere can itself be replaced with --force
        string plan = _tmp["plan"];
        Assert.That(Cli("plan", spec, "--out", plan, "--quiet", "--min-replications", "2", "--units-limit", "4").Code, Is.Not.EqualTo(ExitCodes.BadInput));
        Assert.That(File.Exists(Path.Combine(plan, OutputManifest.FileName)), Is.True);
        Assert.That(Cli("plan", spec, "--out", plan, "--quiet", "--force", "--min-replications", "2", "--units-limit", "4").Code, Is.Not.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void Merge_ForceOnAUserFolderOrOnAShard_Exit2AndUntouched()
    {
        // Given two shards and a folder of user files
        string spec = Scenario(_tmp["sweep.yaml"], sweep: true);
        string s1 = _tmp["s1"], s2 = _tmp["s2"];
        Assert.That(Cli("sweep", spec, "--shard", "1/2", "--out", s1, "--quiet").Code, Is.Zero);
        Assert.That(Cli("sweep", spec, "--shard", "2/2", "--out", s2, "--quiet").Code, Is.Zero);
        string user = UserFolder("user");
        var before = Snapshot(user);
        var shard = Snapshot(s1);

        // When merged into the user folder, or over one of the shards, with --force
        (int intoUser, _, string err) = Cli("merge", s1, s2, "--out", user, "--force");
        (int overShard, _, string err2) = Cli("merge", s1, s2, "--out", s1, "--force");

        // Then both refused, and nothing changed
        Assert.That(intoUser, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(overShard, Is.EqualTo(ExitCodes.BadInput), err2);
        Assert.That(err2, Does.Contain("which this command reads"));
        Assert.That(Snapshot(user), Is.EqualTo(before));
        Assert.That(Snapshot(s1), Is.EqualTo(shard));

        // And the merged folder can be replaced by merging again
        string merged = _tmp["merged"];
        Assert.That(Cli("merge", s1, s2, "--out", merged).Code, Is.Zero);
        Assert.That(Cli("merge", s1, s2, "--out", merged, "--force").Code, Is.Zero);
    }

    [Test]
    public void PlotAndReport_RedrawIntoResultsFolders_KeepTheManifestsTrue()
    {
        // Given a run's folder and a sweep whose points are full results folders
        string r = ResultsFolder.Write(FakeResults.Realistic(replications: 1), _tmp["r"], FilesOnly);
        string sweep = _tmp["sweep"];
        Assert.That(Cli("sweep", Scenario(_tmp["sw.yaml"], sweep: true), "--out", sweep, "--quiet", "--parallel", "1").Code, Is.Zero);
        string point = Directory.GetDirectories(Path.Combine(sweep, "points"))[0];

        // When plot and report redraw into them
        Assert.That(Cli("plot", r).Code, Is.Zero);
        Assert.That(Cli("report", r).Code, Is.Zero);
        Assert.That(Cli("plot", point).Code, Is.Zero);
        Assert.That(Cli("report", point).Code, Is.Zero);

        // Then every file is still proven LookoutSim's: the run, the point and the whole sweep
        Assert.That(OutputManifest.Foreign(r, out string? p1), Is.Empty);
        Assert.That(OutputManifest.Foreign(point, out string? p2), Is.Empty);
        Assert.That(OutputManifest.Foreign(sweep, out string? p3), Is.Empty);
        Assert.That(new[] { p1, p2, p3 }, Is.All.Null);
        Assert.That(ResultsFolder.Write(FakeResults.Small(), r, FilesOnly with { Force = true }), Is.EqualTo(r));
    }

    // ---- links -----------------------------------------------------------------------------------

    [Test]
    public void Plot_PlotsFolderIsALink_Exit2AndTheTargetIsUntouched()
    {
        // Given a results folder whose plots/ is a link to a folder elsewhere
        string dir = ResultsFolder.Write(FakeResults.Realistic(replications: 1), _tmp["r"], FilesOnly);
        string elsewhere = Directory.CreateDirectory(_tmp["elsewhere"]).FullName;
        File.WriteAllText(Path.Combine(elsewhere, "units.png"), "not a chart");
        Link(Path.Combine(dir, ResultsFolder.PlotsFolder), elsewhere, "");

        // When plotted
        (int code, _, string err) = Cli("plot", dir);

        // Then refused, and nothing was written where the link points
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("link"));
        Assert.That(Directory.GetFileSystemEntries(elsewhere).Select(Path.GetFileName), Is.EqualTo(new[] { "units.png" }));
        Assert.That(File.ReadAllText(Path.Combine(elsewhere, "units.png")), Is.EqualTo("not a chart"));
    }

    [Test]
    public void Report_ReportFileIsALink_Exit2AndTheTargetIsUntouched()
    {
        // Given a results folder whose report.html links to a file elsewhere
        string dir = ResultsFolder.Write(FakeResults.Realistic(replications: 1), _tmp["r"], FilesOnly);
        string target = _tmp["precious.html"];
        File.WriteAllText(target, "precious");
        File.CreateSymbolicLink(Path.Combine(dir, ResultsFolder.ReportFile), target);

        // When the report is rewritten
        (int code, _, string err) = Cli("report", dir);

        // Then refused; the link and its target are as they were
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(File.ReadAllText(target), Is.EqualTo("precious"));
        Assert.That(new FileInfo(Path.Combine(dir, ResultsFolder.ReportFile)).LinkTarget, Is.EqualTo(target));
    }

    [Test]
    public void DeleteTree_FolderHoldingLinks_RemovesTheLinksNotWhatTheyPointTo()
    {
        // Given a folder with a link to a folder and a link to a file outside it
        string outside = Directory.CreateDirectory(_tmp["outside"]).FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "keep");
        string doomed = Directory.CreateDirectory(Path.Combine(_tmp["doomed"], "sub")).Parent!.FullName;
        Link(Path.Combine(doomed, "sub", "dir-link"), outside, "");
        File.CreateSymbolicLink(Path.Combine(doomed, "file-link"), Path.Combine(outside, "keep.txt"));

        // When it is deleted
        OutputFolder.DeleteTree(doomed);

        // Then it is gone, and what the links pointed to is not
        Assert.That(Directory.Exists(doomed), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(outside, "keep.txt")), Is.EqualTo("keep"));
    }

    [Test]
    public void Write_TargetIsALinkToAFolder_RefusedEvenWithForce()
    {
        // Given --out naming a link to a results folder
        string real = ResultsFolder.Write(FakeResults.Small(), _tmp["real"], FilesOnly);
        Link(_tmp["link"], real, "");
        var before = Snapshot(real);

        // When / Then
        var ex = Assert.Throws<OutputException>(() => ResultsFolder.Write(FakeResults.Small(), _tmp["link"], FilesOnly with { Force = true }));
        Assert.That(ex!.Message, Does.Contain("link"));
        Assert.That(Snapshot(real), Is.EqualTo(before));
        Assert.That(new DirectoryInfo(_tmp["link"]).LinkTarget, Is.EqualTo(real));
    }

    // ---- leftovers and signals -------------------------------------------------------------------

    [Test]
    public void Write_StaleTemporariesBesideTheTarget_ThoseOfDeadProcessesAreCleanedLiveOnesKept()
    {
        // Given temporaries of a dead process, of a live one, and a look-alike folder that is not LookoutSim's
        (int deadPid, long deadStart) = DeadProcess();
        using Process live = StartSleeper();
        long liveStart = OutputFolder.StartMs(live);
        string dead = Temporary("r", "writing", deadPid, deadStart, owner: true);
        string deadReplaced = Temporary("r", "replaced", deadPid, deadStart, owner: true);
        string alive = Temporary("r", "writing", live.Id, liveStart, owner: true);
        string reused = Temporary("r", "writing", live.Id, liveStart - 3_600_000, owner: true); // the pid of a process since reused
        string lookalike = Temporary("r", "writing", deadPid, deadStart, owner: false);
        string otherHost = Temporary("r", "writing", deadPid, deadStart, owner: true, host: "0badc0de");
        File.WriteAllText(Path.Combine(lookalike, "thesis.tex"), "precious");

        try
        {
            // When a results folder is written beside them
            ResultsFolder.Write(FakeResults.Small(), _tmp["r"], FilesOnly);

            // Then the dead process's are gone, the live one's and the look-alike are kept
            Assert.That(Directory.Exists(dead), Is.False, "a dead process's temporary");
            Assert.That(Directory.Exists(deadReplaced), Is.False, "a dead process's replaced folder");
            Assert.That(Directory.Exists(reused), Is.False, "a temporary of a reused pid");
            Assert.That(Directory.Exists(alive), Is.True, "a live process's temporary");
            Assert.That(Directory.Exists(otherHost), Is.True, "another machine's temporary (its process cannot be seen)");
            Assert.That(File.ReadAllText(Path.Combine(lookalike, "thesis.tex")), Is.EqualTo("precious"));
        }
        finally
        {
            live.Kill();
            live.WaitForExit();
        }
    }

    [Test]
    public void Write_CancelledUnderFoldersItCreated_RemovesThemToo()
    {
        // Given a write into results/deep/r (neither existing), cancelled midway as by a signal
        using var cts = new CancellationTokenSource();
        var options = FilesOnly with { AfterFile = f => { if (f == "zones.csv") { cts.Cancel(); } } };

        // When it runs
        Assert.Throws<OperationCanceledException>(() => ResultsFolder.Write(FakeResults.Small(), Path.Combine(_tmp["results"], "deep", "r"), options, cts.Token));

        // Then not even the parents it created are left
        Assert.That(_tmp.Listing(), Is.Empty);
    }

    [TestCase("run")]
    [TestCase("sweep")]
    public void Cli_SigtermWhileRunning_Exit143AndNothingLeftBehind(string verb)
    {
        // Given a long run (or sweep) of lookoutsim in its own process
        string scenario = Scenario(_tmp["scen.yaml"], sweep: verb == "sweep", horizon: "7d", replications: 200);
        using Process child = StartLookoutsim(verb, scenario, "--out", _tmp["out"], "--parallel", "1");
        string? line;
        while ((line = child.StandardError.ReadLine()) is not null && !line.Contains(verb == "run" ? "running" : "sweep", StringComparison.Ordinal))
        {
        }

        Assert.That(line, Is.Not.Null, "the child started its work");

        // When it is sent SIGTERM
        Signal(child.Id, "TERM");
        string rest = child.StandardError.ReadToEnd();
        Assert.That(child.WaitForExit(120_000), Is.True, "the child ended");

        // Then exit 143, the usual message, and nothing beside the scenario
        Assert.That(child.ExitCode, Is.EqualTo(143), rest);
        Assert.That(rest, Does.Contain("interrupted: nothing was written"));
        Assert.That(_tmp.Listing(), Is.EqualTo(new[] { "scen.yaml" }));
    }

    // ---- paths that cannot be written ------------------------------------------------------------

    [TestCase(300, 1)]
    [TestCase(200, 30)]
    [TestCase(15_000, 1)]
    public void Run_OutPathTooLong_Exit2BeforeSimulatingInOneShortLineAndCreatesNothing(int segment, int depth)
    {
        // Given an --out whose name, or whose whole path, is longer than the file system allows
        string scenario = Scenario(_tmp["scen.yaml"]);
        string name = new('n', segment);
        string outDir = Path.Combine([_tmp["results"], .. Enumerable.Repeat(name, depth)]);

        // When run
        (int code, _, string err) = Cli("run", scenario, "--out", outDir);

        // Then exit 2 before any simulation, a short message, and no folder created
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("too long").And.Not.Contain("running"));
        Assert.That(err.Length, Is.LessThan(600), err);
        Assert.That(_tmp.Listing(), Is.EqualTo(new[] { "scen.yaml" }));
    }

    [Test]
    public void Run_OutUnderAFile_Exit2BeforeSimulatingAndCreatesNothing()
    {
        // Given --out below a file
        string scenario = Scenario(_tmp["scen.yaml"]);

        // When run
        (int code, _, string err) = Cli("run", scenario, "--out", Path.Combine(scenario, "results", "r"));

        // Then exit 2, before simulating
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("is a file").And.Not.Contain("running"));
        Assert.That(_tmp.Listing(), Is.EqualTo(new[] { "scen.yaml" }));
    }

    [Test]
    public void Shown_LongPath_KeepsTheStartAndTheEnd()
    {
        string path = "/a/" + new string('x', 15_000) + "/end";
        string shown = OutputFolder.Shown(path);
        Assert.That(shown, Has.Length.LessThanOrEqualTo(121));
        Assert.That(shown, Does.StartWith("/a/xx").And.EndWith("xx/end").And.Contain("…"));
        Assert.That(OutputFolder.Shown("short"), Is.EqualTo("short"));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string ScenarioText(string name, string traffic, bool sweep = false, string horizon = "10m", int replications = 2) =>
        $"""
        name: {name}
        seed: 3
        horizon: {horizon}
        replications: {replications.ToString(CultureInfo.InvariantCulture)}
        service: {"{"} base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: exponential {"}"}
        traffic:
          {traffic}
        deployment:
          zones: [az-1]
          min_units: 2
        """ + (sweep ? "\nsweep:\n  deployment.min_units: [2, 3]\n" : "\n");

    private static string Scenario(string path, bool sweep = false, string horizon = "10m", int replications = 2)
    {
        File.WriteAllText(path, ScenarioText("safety", "- { name: calls, pattern: poisson, rate: 5/s }", sweep, horizon, replications));
        return path;
    }

    private string PlanSpec() => SweepTestSupport.PlanScenarioFile(Directory.CreateDirectory(_tmp["plan-scenario"]).FullName);

    private string UserFolder(string name)
    {
        string dir = Directory.CreateDirectory(_tmp[name]).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "src"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "notes\n");
        File.WriteAllText(Path.Combine(dir, "sweep.csv"), "mine\n");
        File.WriteAllText(Path.Combine(dir, "plan.csv"), "mine\n");
        return dir;
    }

    private IEnumerable<string> Hidden() => _tmp.Listing().Where(p => !p.Contains('/') && p.StartsWith('.'));

    private static string Write(string path, string text, string named)
    {
        File.WriteAllText(path, text);
        return named;
    }

    private static string Link(string path, string target, string named)
    {
        Directory.CreateSymbolicLink(path, target);
        return named;
    }

    private string Temporary(string name, string kind, int pid, long start, bool owner, string? host = null)
    {
        host ??= OutputFolder.HostTag;
        string dir = _tmp[string.Create(CultureInfo.InvariantCulture, $".{name}.{kind}-{host}-{pid}-{start}-{Guid.NewGuid().ToString("N")[..8]}")];
        Directory.CreateDirectory(Path.Combine(dir, "plots"));
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{}");
        if (owner)
        {
            File.WriteAllText(Path.Combine(dir, ".lookoutsim-owner"), Path.GetFileName(dir));
        }

        return dir;
    }

    /// <summary>Every file under <paramref name="dir"/> with its bytes (links as their targets' names).</summary>
    private static SortedDictionary<string, string> Snapshot(string dir)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (FileSystemInfo e in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            string rel = Path.GetRelativePath(dir, e.FullName);
            all[rel] = e.LinkTarget is { } t ? "-> " + t : e is FileInfo f ? Convert.ToBase64String(File.ReadAllBytes(f.FullName)) : "/";
        }

        return all;
    }

    private static (int Pid, long Start) DeadProcess()
    {
        using Process p = StartSleeper();
        long start = OutputFolder.StartMs(p);
        p.Kill();
        p.WaitForExit();
        return (p.Id, start);
    }

    private static Process StartSleeper() => Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;

    private static void Signal(int pid, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static Process StartLookoutsim(params string[] args)
    {
        var psi = new ProcessStartInfo(Support.ChildProcess.DotnetHost())
        {
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])[Support.ChildProcess.Program, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CI"] = "true";
        return Process.Start(psi)!;
    }
}
