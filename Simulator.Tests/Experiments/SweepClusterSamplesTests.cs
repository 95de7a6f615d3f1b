using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LookoutSim.Tests.Architecture;

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
