using System.Diagnostics;
using LookoutSim.Cli;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

/// <summary>
/// Sharded sweeps: shards run as separate <c>lookoutsim</c> processes (as array jobs would), then
/// merged; the result must be the folder the whole sweep writes. Each process simulates its points
/// of a small real scenario.
/// </summary>
public sealed class SweepMergeTests
{
    private static string Spec(string folder, int replications = 3, ulong seed = 7) =>
        SweepTestSupport.SweepScenario(folder, replications, seed);

    private static (int Code, string Err) Cli(params string[] args)
    {
        var e = new StringWriter();
        int code = CommandLine.Run(args, new StringWriter(), e);
        return (code, e.ToString());
    }

    /// <summary>sweep.csv with the wall-time columns (the only ones that may differ between runs) removed.</summary>
    private static string[] WithoutWallTime(string sweepCsv)
    {
        string[][] rows = [.. File.ReadAllLines(sweepCsv).Select(l => l.Split(','))];
        int[] keep = [.. Enumerable.Range(0, rows[0].Length).Where(i => !rows[0][i].StartsWith("wall_s_", StringComparison.Ordinal))];
        Assert.That(keep, Has.Length.EqualTo(rows[0].Length - 3));
        return [.. rows.Select(r => string.Join(',', keep.Select(i => r[i])))];
    }

    /// <summary>
    /// A page with its embedded chart images emptied: the charts are drawn from the same table, but the SVG
    /// clip-path ids come from a counter of the drawing library that differs between processes.
    /// </summary>
    private static string PageWithoutImages(string page) =>
        System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(page), "src=\"data:image/svg\\+xml;base64,[^\"]*\"", "src=\"\"");

    private static Process StartShard(string spec, int k, int n, string outDir) =>
        StartLookoutsim(["sweep", spec, "--shard", $"{k}/{n}", "--out", outDir, "--parallel", "1", "--quiet"]);

    private static Process StartLookoutsim(string[] args)
    {
        string dll = Support.ChildProcess.Program;
        var psi = new ProcessStartInfo(Support.ChildProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])[dll, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CI"] = "true";
        return Process.Start(psi)!;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Merge_ShardsRunAsSeparateProcesses_EqualsTheWholeSweep(int n)
    {
        // Given the whole sweep (8 points) and its N shards, each shard its own process
        string folder = SweepTestSupport.TempFolder("merge" + n);
        string spec = Spec(folder);
        string whole = Path.Combine(folder, "whole");
        (int wholeCode, string wholeOut, _) = Support.CliRun.Run("sweep", spec, "--out", whole, "--quiet");
        Assert.That(wholeCode, Is.EqualTo(0));

        string[] shardDirs = [.. Enumerable.Range(1, n).Select(k => Path.Combine(folder, $"shard-{k}"))];
        Process[] processes = [.. Enumerable.Range(1, n).Select(k => StartShard(spec, k, n, shardDirs[k - 1]))];
        foreach (Process p in processes)
        {
            Task<string> err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            Assert.That(p.WaitForExit(60_000), Is.True, "shard process timed out");
            Assert.That(p.ExitCode, Is.EqualTo(0), err.Result);
            p.Dispose();
        }

        // When merged, shards given in reverse order
        string merged = Path.Combine(folder, "merged");
        (int code, string mergeOut, string mergeErr) = Support.CliRun.Run(["merge", .. shardDirs.Reverse(), "--out", merged]);

        // Then: the same table with the same verdicts, the same page, the same cheapest point named
        Assert.That(code, Is.EqualTo(0), mergeErr);
        Assert.That(WithoutWallTime(Path.Combine(merged, "sweep.csv")), Is.EqualTo(WithoutWallTime(Path.Combine(whole, "sweep.csv"))));
        Assert.That(File.ReadLines(Path.Combine(merged, "sweep.csv")).First(), Does.EndWith(",slo_met,slo_latency_p99_met,slo_latency_p99_bound,slo_latency_p99_target,slo_max_failed_met,slo_max_failed_bound,slo_max_failed_target"));
        Assert.That(PageWithoutImages(Path.Combine(merged, "sweep.html")), Is.EqualTo(PageWithoutImages(Path.Combine(whole, "sweep.html"))));
        string cheapest = wholeOut.Split('\n')[0];
        Assert.That(cheapest, Does.StartWith("cheapest meeting the SLOs: "));
        Assert.That(mergeOut, Does.StartWith(cheapest));
        Assert.That(Directory.GetDirectories(Path.Combine(merged, "points")).Select(Path.GetFileName).Order(),
            Is.EqualTo(Directory.GetDirectories(Path.Combine(whole, "points")).Select(Path.GetFileName).Order()));
        Assert.That(Directory.GetFiles(Path.Combine(merged, "plots")).Select(Path.GetFileName).Order(),
            Is.EqualTo(Directory.GetFiles(Path.Combine(whole, "plots")).Select(Path.GetFileName).Order()));
        Assert.That(File.Exists(Path.Combine(merged, "shard.json")), Is.False);
        if (n > 1)
        {
            string[] ids = [.. File.ReadAllLines(Path.Combine(whole, "sweep.csv")).Skip(1).Select(l => l.Split(',')[0])];
            Assert.That(ids, Has.Length.EqualTo(8));
            Assert.That(File.ReadAllLines(Path.Combine(shardDirs[1], "sweep.csv")).Skip(1).Select(l => l.Split(',')[0]),
                Is.EqualTo(Enumerable.Range(0, 8).Where(i => i % n == 1).Select(i => ids[i])), "point i goes to shard (i mod N) + 1");
        }
    }

    /// <summary>The same with a real sample scenario: every shard a separate lookoutsim process simulating its points.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Merge_RealScenarioShardsAsProcesses_EqualsTheWholeSweep(int n)
    {
        // Given: samples/sweep-units.yaml (9 points), cut short, run whole in this process
        string sample = Path.Combine(LookoutSim.Tests.Architecture.LayeringTests.RepositoryRoot(), "samples", "sweep-units.yaml");
        string[] cut = ["--set", "horizon=20m", "--set", "warmup=0s", "--replications", "2", "--seed", "3"];
        string folder = SweepTestSupport.TempFolder("real-merge" + n);
        string whole = Path.Combine(folder, "whole");
        Assert.That(Cli(["sweep", sample, .. cut, "--out", whole, "--quiet"]).Code, Is.EqualTo(0));

        // When: N shard processes, then merge
        string[] shardDirs = [.. Enumerable.Range(1, n).Select(k => Path.Combine(folder, $"shard-{k}"))];
        Process[] processes = [.. Enumerable.Range(1, n).Select(k => StartLookoutsim(["sweep", sample, .. cut, "--shard", $"{k}/{n}", "--out", shardDirs[k - 1], "--parallel", "1", "--quiet"]))];
        foreach (Process p in processes)
        {
            Task<string> err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            Assert.That(p.WaitForExit(120_000), Is.True, "shard process timed out");
            Assert.That(p.ExitCode, Is.EqualTo(0), err.Result);
            p.Dispose();
        }

        string merged = Path.Combine(folder, "merged");
        (int code, string mergeErr) = Cli(["merge", .. shardDirs, "--out", merged]);

        // Then
        Assert.That(code, Is.EqualTo(0), mergeErr);
        Assert.That(WithoutWallTime(Path.Combine(merged, "sweep.csv")), Is.EqualTo(WithoutWallTime(Path.Combine(whole, "sweep.csv"))));
        Assert.That(File.ReadAllLines(Path.Combine(merged, "sweep.csv")), Has.Length.EqualTo(10));
    }

    [Test]
    public void Merge_IncompleteSet_Exit2AndWritesNothing()
    {
        // Given shards 1 and 3 of 3
        string folder = SweepTestSupport.TempFolder("incomplete");
        string spec = Spec(folder, replications: 2);
        foreach (int k in new[] { 1, 3 })
        {
            Assert.That(Cli("sweep", spec, "--shard", $"{k}/3", "--out", Path.Combine(folder, $"s{k}"), "--quiet").Code, Is.EqualTo(0));
        }

        // When
        (int code, string err) = Cli("merge", Path.Combine(folder, "s1"), Path.Combine(folder, "s3"), "--out", Path.Combine(folder, "m"));

        // Then
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("2/3 missing"));
        Assert.That(Directory.Exists(Path.Combine(folder, "m")), Is.False);
    }

    [Test]
    public void Merge_ShardsOfDifferentSweeps_Exit2()
    {
        // Given shard 1/2 of seed 7 and shard 2/2 of seed 8
        string folder = SweepTestSupport.TempFolder("mismatch");
        Assert.That(Cli("sweep", Spec(folder, 2, 7), "--shard", "1/2", "--out", Path.Combine(folder, "a"), "--quiet").Code, Is.EqualTo(0));
        Assert.That(Cli("sweep", Spec(folder, 2, 8), "--shard", "2/2", "--out", Path.Combine(folder, "b"), "--quiet").Code, Is.EqualTo(0));

        // When
        (int code, string err) = Cli("merge", Path.Combine(folder, "a"), Path.Combine(folder, "b"), "--out", Path.Combine(folder, "m"));

        // Then
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("different sweep"));
        Assert.That(Directory.Exists(Path.Combine(folder, "m")), Is.False);
    }

    [Test]
    public void Merge_FolderThatIsNotAShard_Exit2()
    {
        string folder = SweepTestSupport.TempFolder("notshard");
        string whole = Path.Combine(folder, "whole");
        Assert.That(Cli("sweep", Spec(folder, 2), "--out", whole, "--quiet").Code, Is.EqualTo(0));
        (int code, string err) = Cli("merge", whole, "--out", Path.Combine(folder, "m"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("no shard.json"));
    }

    [Test]
    public void Sweep_ParallelOneOrTwo_SameSweepCsv()
    {
        // Given
        string folder = SweepTestSupport.TempFolder("parallel");
        string spec = Spec(folder, replications: 4);

        // When
        Assert.That(Cli("sweep", spec, "--parallel", "1", "--out", Path.Combine(folder, "p1"), "--quiet").Code, Is.EqualTo(0));
        Assert.That(Cli("sweep", spec, "--parallel", "2", "--out", Path.Combine(folder, "p2"), "--quiet").Code, Is.EqualTo(0));

        // Then
        Assert.That(WithoutWallTime(Path.Combine(folder, "p2", "sweep.csv")), Is.EqualTo(WithoutWallTime(Path.Combine(folder, "p1", "sweep.csv"))));
    }
}
