using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LookoutSim.Tests.Architecture;
using LookoutSim.Tests.Output;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// The array-job samples under <c>samples/cluster/</c> run the shards with a consistent N, then
/// merge exactly shard-1 … shard-N; the files, image and project they name exist. (The Slurm
/// script itself runs on a real cluster in <see cref="SlurmSweepTests"/>.)
/// </summary>
public sealed partial class SweepClusterSamplesTests
{
    private static string Root => LayeringTests.RepositoryRoot();

    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(Root, "samples", "cluster", name));

    [Test]
    public void KubernetesIndexedJob_CompletionsMatchShardCountAndMergeTakesExactlyThoseShards()
    {
        string yaml = Sample("k8s-indexed-job.yaml");
        Assert.That(yaml, Does.Contain("completionMode: Indexed"));
        int completions = int.Parse(CompletionsRegex().Match(yaml).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(yaml, Does.Contain($"--shard auto/{completions}"));
        Assert.That(yaml, Does.Contain("--out /results/sweep-units/shard-$((JOB_COMPLETION_INDEX + 1))"));
        string[] merged = [.. MergedShardRegex().Matches(yaml).Select(m => m.Groups[1].Value)];
        Assert.That(merged, Is.EqualTo(Enumerable.Range(1, completions).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(yaml, Does.Not.Contain("shard-*"), "a glob would merge shards of an earlier run");
        Assert.That(yaml, Does.Contain("kubectl\", \"wait\", \"--for=condition=complete\", \"job/lookoutsim-shards\""));
    }

    [Test]
    public void KubernetesIndexedJob_ImageIsTheOneTheDockerfileDocumentsAndTheScenarioExists()
    {
        string yaml = Sample("k8s-indexed-job.yaml");
        string[] images = [.. ImageRegex().Matches(yaml).Select(m => m.Groups[1].Value).Where(i => i.Contains("lookoutsim", StringComparison.Ordinal)).Distinct()];
        Assert.That(images, Has.Length.EqualTo(1), "the shard and merge Jobs run the same image");
        Assert.That(Sample("Dockerfile"), Does.Contain($"docker build -f samples/cluster/Dockerfile -t {images[0]} .").And.Contain($"docker push {images[0]}"));
        Assert.That(images[0], Does.EndWith(":" + ProjectVersion()), "the image tag is the version in Directory.Build.props");
        Match configMap = Regex.Match(yaml, @"--from-file=scenario\.yaml=(\S+)");
        Assert.That(configMap.Success, Is.True);
        Assert.That(File.Exists(Path.Combine(Root, configMap.Groups[1].Value)), Is.True, configMap.Groups[1].Value);
    }

    [Test]
    public void Dockerfile_PublishesTheProgramProjectAndRunsAsNonRoot()
    {
        string docker = Sample("Dockerfile");
        Match publish = Regex.Match(docker, @"RUN dotnet publish (\S+) -c Release -o (\S+)");
        Assert.That(publish.Success, Is.True);
        string project = Path.Combine(Root, publish.Groups[1].Value, publish.Groups[1].Value + ".csproj");
        Assert.That(File.Exists(project), Is.True, project);
        string assembly = XDocument.Load(project).Descendants("AssemblyName").Single().Value;
        Assert.That(docker, Does.Contain($"COPY --from=build {publish.Groups[2].Value} /opt/lookoutsim"));
        Assert.That(docker, Does.Contain($"ln -s /opt/lookoutsim/{assembly} /usr/local/bin/lookoutsim"));
        foreach (Match copy in Regex.Matches(docker, @"^COPY (?!--from)(.+) \S+$", RegexOptions.Multiline))
        {
            foreach (string source in copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.That(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), Is.True, $"COPY {source}: not in the repository");
            }
        }

        Assert.That(docker, Does.Match(@"(?m)^USER \$APP_UID$"));
        Assert.That(docker, Does.Not.Contain("ENTRYPOINT ["), "Kubernetes and AWS Batch commands start with lookoutsim themselves");
        Assert.That(File.ReadAllText(Path.Combine(Root, "samples", "cluster", "Dockerfile.dockerignore")), Does.Contain("**/bin/").And.Contain("**/obj/"));
    }

    [Test]
    public void SlurmScript_SubmitsAnArrayThenAMergeOfExactlyItsShards()
    {
        string sh = Sample("slurm-sweep.sh");
        Assert.That(sh, Does.Contain("--array=1-\"$SHARDS\""));
        Assert.That(sh, Does.Contain("--shard auto/\"$SHARDS\""));
        Assert.That(sh, Does.Contain("--dependency=afterok:\"$array\" --kill-on-invalid-dep=yes"));
        Assert.That(sh, Does.Contain("for ((k = 1; k <= SHARDS; k++)); do shards+=(\"$RESULTS/shard-$k\")"));
        Assert.That(sh, Does.Contain("--kill-on-invalid-dep=yes --output=\"$RESULTS/logs/%x-%j.log\""), "the merge is no array task: no %a in its log name");
        Assert.That(sh, Does.Not.Contain("#SBATCH"), "every sbatch option comes from the environment, in one place");
    }

    [Test]
    public void SlurmScript_ResourcesFromTheEnvironmentAndSweepOptions_ReachSbatchWithAbsolutePaths()
    {
        // Given a stand-in sbatch that records its arguments, and every SWEEP_* variable set
        using var dir = new TempDir();
        var env = FakeSbatch(dir);
        env["SWEEP_CPUS"] = "2";
        env["SWEEP_MEM"] = "3G";
        env["SWEEP_PARTITION"] = "short";
        env["SWEEP_TIME"] = "00:30:00";
        env["SWEEP_SBATCH_OPTS"] = "--account=plan --qos=low";

        // When the sample is submitted with paths relative to the folder it is submitted from
        File.Copy(Path.Combine(Root, "samples", "sweep-units.yaml"), dir["sweep-units.yaml"]);
        (int code, string stdout, string stderr) = SubmitSlurm(env, dir.Path, "sweep-units.yaml", "results/here", "3", "--set", "horizon=1h", "--replications", "2");

        // Then one array of 3 tasks and one merge after it, both with the resources, paths made absolute
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("array job 101 (tasks 1-3) and the merge as job 102"));
        string[][] calls = SbatchCalls(env);
        Assert.That(calls, Has.Length.EqualTo(2));
        string results = dir["results/here"];
        string[] resources = ["--mem=3G", "--partition=short", "--time=00:30:00", "--account=plan", "--qos=low", $"--chdir={results}"];
        Assert.That(calls[0], Is.SupersetOf(resources).And.SupersetOf(new[]
        {
            "--array=1-3", "--cpus-per-task=2", $"--output={results}/logs/%x-%A_%a.log", "--task=shard", Lookoutsim(),
            dir["sweep-units.yaml"], results, "3", "--set", "horizon=1h", "--replications", "2",
        }));
        Assert.That(calls[1], Is.SupersetOf(resources).And.SupersetOf(new[]
        {
            "--dependency=afterok:101", "--kill-on-invalid-dep=yes", $"--output={results}/logs/%x-%j.log", "--task=merge", Lookoutsim(), results, "3",
        }));
        Assert.That(calls[1], Has.None.StartsWith("--array"));
        Assert.That(Directory.Exists(Path.Combine(results, "logs")), Is.True);
    }

    [Test]
    public void SlurmScript_NothingSet_DefaultsFitASmallNodeAndLeaveThePartitionToTheCluster()
    {
        using var dir = new TempDir();
        var env = FakeSbatch(dir);
        (int code, _, string stderr) = SubmitSlurm(env, Root, "samples/sweep-units.yaml", dir["results"], "2");
        Assert.That(code, Is.EqualTo(0), stderr);
        string[][] calls = SbatchCalls(env);
        Assert.That(calls[0], Does.Contain("--cpus-per-task=1").And.Contain("--mem=2G").And.Contain("--array=1-2"));
        Assert.That(calls.SelectMany(c => c), Has.None.StartsWith("--partition").And.None.StartsWith("--time"));
    }

    [TestCase("stale", "already holds shard-2 sweep from an earlier submission")]
    [TestCase("no-program", "not found: set LOOKOUTSIM")]
    [TestCase("own-option", "--parallel is set by this script")]
    [TestCase("bad-set", "is not valid")]
    [TestCase("no-scenario", "samples/line3.yaml: no such file")]
    [TestCase("zero-shards", "SHARDS must be a whole number of at least 1")]
    public void SlurmScript_WhatWouldFailOnTheCluster_RefusedAtSubmitWithNothingSubmitted(string problem, string message)
    {
        // Given
        using var dir = new TempDir();
        var env = FakeSbatch(dir);
        string results = dir["results"];
        string[] args = ["samples/sweep-units.yaml", results, "3"];
        switch (problem)
        {
            case "stale":
                Directory.CreateDirectory(Path.Combine(results, "shard-2"));
                Directory.CreateDirectory(Path.Combine(results, "sweep"));
                break;
            case "no-program":
                env["LOOKOUTSIM"] = dir["nowhere/lookoutsim"];
                break;
            case "own-option":
                args = [.. args, "--parallel", "4"];
                break;
            case "bad-set":
                args = [.. args, "--set", "deployment.min_units=abc"];
                break;
            case "no-scenario":
                args[0] = "samples/line3.yaml";
                break;
            default:
                args[2] = "0";
                break;
        }

        // When
        (int code, _, string stderr) = SubmitSlurm(env, Root, args);

        // Then
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
        Assert.That(SbatchCalls(env), Is.Empty, "nothing submitted");
    }

    /// <summary>PATH with a stand-in <c>sbatch</c> that appends its arguments to a file and prints job ids 101, 102, …</summary>
    private static Dictionary<string, string> FakeSbatch(TempDir dir)
    {
        Assume.That(!OperatingSystem.IsWindows() && (File.Exists("/bin/bash") || File.Exists("/usr/bin/bash")), Is.True, "bash is needed to run the Slurm script");
        string bin = dir["bin"];
        Directory.CreateDirectory(bin);
        string sbatch = Path.Combine(bin, "sbatch");
        File.WriteAllText(sbatch, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" >>\"$FAKE_SBATCH_LOG\"\necho --- >>\"$FAKE_SBATCH_LOG\"\necho $((100 + $(grep -c '^---$' \"$FAKE_SBATCH_LOG\")))\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new Dictionary<string, string>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_SBATCH_LOG"] = dir["sbatch.log"],
            ["LOOKOUTSIM"] = Lookoutsim(),
            ["SWEEP_CPUS"] = "",
            ["SWEEP_MEM"] = "",
            ["SWEEP_PARTITION"] = "",
            ["SWEEP_TIME"] = "",
            ["SWEEP_SBATCH_OPTS"] = "",
        };
    }

    private static (int Exit, string Out, string Err) SubmitSlurm(Dictionary<string, string> env, string from, params string[] args) =>
        ChildProcess.Run(Path.Combine(Root, "samples", "cluster", "slurm-sweep.sh"), args, TimeSpan.FromSeconds(90), env, from);

    private static string[][] SbatchCalls(Dictionary<string, string> env)
    {
        string log = env["FAKE_SBATCH_LOG"];
        return File.Exists(log)
            ? [.. File.ReadAllText(log).Split("---\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries))]
            : [];
    }

    /// <summary>The program's native launcher built beside the tests, as <c>dotnet publish</c> writes it.</summary>
    private static string Lookoutsim() => Path.Combine(AppContext.BaseDirectory, "lookoutsim");

    [Test]
    public void ClusterSamples_UsageExamplesNameFilesThatExist()
    {
        foreach (string name in new[] { "slurm-sweep.sh", "k8s-indexed-job.yaml", "aws-batch-submit.sh", "Dockerfile" })
        {
            string text = Sample(name);
            string[] named = [.. SampleFileRegex().Matches(text).Select(m => m.Value).Distinct()];
            Assert.That(named, Is.Not.Empty, name);
            foreach (string file in named)
            {
                Assert.That(File.Exists(Path.Combine(Root, file)), Is.True, $"{name} names {file}, which does not exist");
            }
        }
    }

    [Test]
    public void AwsBatchJobDefinition_IsValidJsonRunningAShardAndTheMergeTakesExactlyThoseShards()
    {
        using var doc = JsonDocument.Parse(Sample("aws-batch-job.json"));
        JsonElement container = doc.RootElement.GetProperty("containerProperties");
        string command = string.Join(' ', container.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.That(command, Does.Contain("--shard auto/\"$SHARDS\"").And.Contain("shard-$((AWS_BATCH_JOB_ARRAY_INDEX + 1))"));
        Assert.That(container.GetProperty("environment").EnumerateArray().Select(e => e.GetProperty("name").GetString()), Does.Contain("SHARDS"));
        string scenario = container.GetProperty("environment").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "SCENARIO").GetProperty("value").GetString()!;
        Assert.That(File.Exists(Path.Combine(Root, "samples", Path.GetFileName(scenario))), Is.True, $"{scenario}: copy of a sample that does not exist");
        Assert.That(container.GetProperty("image").GetString(), Does.EndWith("/lookoutsim:" + ProjectVersion()));
        string submit = Sample("aws-batch-submit.sh");
        Assert.That(submit, Does.Contain("--depends-on jobId=\"$array\"").And.Contain("--array-properties size=\"$SHARDS\""));
        Assert.That(submit, Does.Contain("while [ \"$k\" -le \"$SHARDS\" ]; do set -- \"$@\" \"$RESULTS/shard-$k\"").And.Not.Contain("shard-*\""));
    }

    private static string ProjectVersion() =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").First().Value;

    [GeneratedRegex(@"completions:\s*(\d+)")]
    private static partial Regex CompletionsRegex();

    [GeneratedRegex(@"- /results/sweep-units/shard-(\d+)")]
    private static partial Regex MergedShardRegex();

    [GeneratedRegex(@"image:\s*(\S+)")]
    private static partial Regex ImageRegex();

    [GeneratedRegex(@"samples/[\w./-]+\.(?:yaml|json|sh|csv)|samples/cluster/Dockerfile\b")]
    private static partial Regex SampleFileRegex();
}
