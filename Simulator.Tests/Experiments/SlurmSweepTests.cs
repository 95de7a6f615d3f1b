using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// <c>samples/cluster/slurm-sweep.sh</c>, as written, on a real Slurm cluster: the README's
/// "Sweeps on a cluster" commands. <c>.ci/slurm-up</c> starts a one-node cluster on this machine
/// (<c>.ci/run</c> does it, and stops it at the end). No cluster fails the test under <c>CI=true</c>
/// or <c>LOOKOUTSIM_SLURM=1</c> and is ignored elsewhere.
/// </summary>
/// <remarks>
/// The executable is <c>LOOKOUTSIM</c> when set (CI sets it to a <c>dotnet publish</c> of the
/// program, as the README says), else the <c>lookoutsim</c> built beside the tests.
/// </remarks>
[TestFixture]
[Category("Slurm")]
[NonParallelizable]
public sealed partial class SlurmSweepTests
{
    private const int Shards = 3;
    private static readonly TimeSpan JobsTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The options that cut the sample short, given to the array's shards and to the one-machine sweep alike.</summary>
    private static readonly string[] Cut = ["--set", "horizon=1h", "--set", "warmup=0s", "--replications", "2"];

    [Test]
    public void SlurmSweepSample_ArrayAndMergeOnACluster_EqualTheSweepOnOneMachine()
    {
        // Given a running cluster, the sample script unchanged and lookoutsim
        RequireCluster();
        string repo = LayeringTests.RepositoryRoot();
        string lookoutsim = Lookoutsim();
        using var dir = new TempDir();
        string results = dir["results"];

        // When the script submits the sample sweep as 3 shards plus the merge, and the jobs finish
        var env = new Dictionary<string, string> { ["LOOKOUTSIM"] = lookoutsim };
        (int code, string stdout, string stderr) = ChildProcess.Run(
            Path.Combine(repo, "samples", "cluster", "slurm-sweep.sh"),
            ["samples/sweep-units.yaml", results, Shards.ToString(CultureInfo.InvariantCulture), .. Cut],
            CommandTimeout, env, repo);
        Assert.That(code, Is.EqualTo(0), $"slurm-sweep.sh failed:\n{stdout}{stderr}");
        Match ids = Submitted().Match(stdout);
        Assert.That(ids.Success, Is.True, $"no job ids in the script's output:\n{stdout}");
        string array = ids.Groups["array"].Value, merge = ids.Groups["merge"].Value;
        WaitForJobs(array, merge, results);

        // Then every task and the merge completed with exit 0
        string[] shardStates = JobStates(array);
        string logs = Logs(results);
        Assert.That(shardStates, Has.Length.EqualTo(Shards).And.All.EqualTo("COMPLETED 0:0"), $"array job {array}:\n{logs}");
        Assert.That(JobStates(merge), Is.EqualTo(new[] { "COMPLETED 0:0" }), $"merge job {merge}:\n{logs}");

        // And the merged sweep is the sweep run on one machine, wall times aside
        (int local, _, string localErr) = ChildProcess.Run(lookoutsim, ["sweep", Path.Combine(repo, "samples", "sweep-units.yaml"), .. Cut, "--out", dir["one-machine"], "--quiet"], CommandTimeout, env);
        Assert.That(local, Is.EqualTo(0), localErr);
        AssertSameSweep(Path.Combine(results, "sweep"), dir["one-machine"]);
        Assert.That(Directory.GetDirectories(results, "shard-*").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Is.EqualTo(Enumerable.Range(1, Shards).Select(k => $"shard-{k}")));
    }

    /// <summary>Fails (CI, or LOOKOUTSIM_SLURM=1) or ignores the test when no Slurm controller answers.</summary>
    private static void RequireCluster()
    {
        string? problem = null;
        if (Which("sbatch") is null || Which("scontrol") is null)
        {
            problem = "Slurm is not installed (Debian: apt-get install slurm-wlm munge)";
        }
        else
        {
            (int code, string stdout, string stderr) = ChildProcess.Run("scontrol", ["ping"], CommandTimeout);
            if (code != 0 || !stdout.Contains("is UP", StringComparison.Ordinal))
            {
                problem = $"no Slurm controller answers (SLURM_CONF={Environment.GetEnvironmentVariable("SLURM_CONF") ?? "unset"}): {stdout}{stderr}".Trim();
            }
        }

        if (problem is null)
        {
            return;
        }

        problem += "; start a one-node cluster with: eval \"$(.ci/slurm-up)\"";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("LOOKOUTSIM_SLURM") == "1")
        {
            Assert.Fail(problem);
        }

        Assert.Ignore(problem);
    }

    /// <summary>LOOKOUTSIM, else the program built beside the tests (its native launcher, as <c>dotnet publish</c> writes it).</summary>
    private static string Lookoutsim()
    {
        string? given = Environment.GetEnvironmentVariable("LOOKOUTSIM");
        string path = string.IsNullOrEmpty(given) ? Path.Combine(AppContext.BaseDirectory, "lookoutsim") : given;
        Assert.That(File.Exists(path), Is.True, $"{path}: no lookoutsim executable (set LOOKOUTSIM)");
        return Path.GetFullPath(path);
    }

    /// <summary>Polls squeue until neither job is pending or running; past the bound, cancels both and fails with why they waited.</summary>
    private static void WaitForJobs(string array, string merge, string results)
    {
        DateTime deadline = DateTime.UtcNow + JobsTimeout;
        string queue = "";
        while (DateTime.UtcNow < deadline)
        {
            (int code, string stdout, string stderr) = ChildProcess.Run("squeue", ["-h", "-j", $"{array},{merge}", "-o", "%i %T %r"], CommandTimeout);
            Assert.That(code, Is.EqualTo(0), stderr);
            queue = stdout.Trim();
            if (queue.Length == 0)
            {
                return;
            }

            Thread.Sleep(1000);
        }

        ChildProcess.Run("scancel", [array, merge], CommandTimeout);
        Assert.Fail($"the jobs did not finish within {JobsTimeout.TotalSeconds} s (cancelled); squeue (job, state, reason):\n{queue}\n{Logs(results)}");
    }

    /// <summary>"STATE EXITCODE" of each task of the job (one for a job that is not an array).</summary>
    private static string[] JobStates(string job)
    {
        (int code, string stdout, string stderr) = ChildProcess.Run("scontrol", ["-o", "show", "job", job], CommandTimeout);
        Assert.That(code, Is.EqualTo(0), stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => $"{Field(line, "JobState")} {Field(line, "ExitCode")}")];
    }

    private static string Field(string line, string name) =>
        Regex.Match(line, $@"(?:^|\s){name}=(\S+)", RegexOptions.CultureInvariant).Groups[1].Value;

    /// <summary>The end of every job log, for a failure message.</summary>
    private static string Logs(string results)
    {
        string folder = Path.Combine(results, "logs");
        var text = new StringBuilder();
        string[] logs = Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal)] : [];
        foreach (string log in logs)
        {
            text.Append("--- ").AppendLine(Path.GetFileName(log));
            string[] lines = File.ReadAllLines(log);
            foreach (string line in lines.Length <= 16 ? lines : [.. lines.Take(4), "…", .. lines.TakeLast(10)])
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The merged folder holds the same files as the one-machine sweep; CSVs are equal without their
    /// wall-time columns (<c>wall_s</c>, <c>wall_s_*</c>), the charts and resolved scenarios byte for byte.
    /// </summary>
    private static void AssertSameSweep(string merged, string oneMachine)
    {
        string[] Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".lookoutsim-manifest.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        string[] files = Files(oneMachine);
        Assert.That(Files(merged), Is.EqualTo(files));
        Assert.That(files, Does.Contain("sweep.csv").And.Contain("plots/pareto.png"));
        int compared = 0;
        foreach (string f in files.OrderBy(f => f == "sweep.csv" ? 0 : 1)) // sweep.csv first: the clearest difference
        {
            string a = Path.Combine(merged, f), b = Path.Combine(oneMachine, f);
            if (f.EndsWith(".csv", StringComparison.Ordinal))
            {
                Assert.That(WithoutWallTime(a), Is.EqualTo(WithoutWallTime(b)), f);
                compared++;
            }
            else if (f.Contains("plots/", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            {
                Assert.That(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), Is.True, $"{f} differs");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(20));
    }

    /// <summary>A CSV's lines without the wall-time columns, the only ones that differ between two runs of the same sweep.</summary>
    private static string[] WithoutWallTime(string csv)
    {
        string[][] rows = [.. File.ReadAllLines(csv).Select(l => l.Split(','))];
        if (rows.Length == 0)
        {
            return [];
        }

        // summary.csv has one row per measure: the wall_s row goes.
        if (rows[0][0] == "metric")
        {
            return [.. rows.Where(r => r[0] != "wall_s").Select(r => string.Join(',', r))];
        }

        int[] keep = [.. Enumerable.Range(0, rows[0].Length).Where(i => rows[0][i] != "wall_s" && !rows[0][i].StartsWith("wall_s_", StringComparison.Ordinal))];
        return [.. rows.Select(r => string.Join(',', keep.Where(i => i < r.Length).Select(i => r[i])))];
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"array job (?<array>\d+) .* merge as job (?<merge>\d+)")]
    private static partial Regex Submitted();
}
