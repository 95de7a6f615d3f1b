using System.Text.Json;
using System.Text.RegularExpressions;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Experiments;

/// <summary>The array-job samples under <c>samples/cluster/</c> run the shards with a consistent N, then the merge.</summary>
public sealed partial class SweepClusterSamplesTests
{
    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(LayeringTests.RepositoryRoot(), "samples", "cluster", name));

    [Test]
    public void KubernetesIndexedJob_CompletionsMatchShardCountAndMergeFollows()
    {
        string yaml = Sample("k8s-indexed-job.yaml");
        Assert.That(yaml, Does.Contain("completionMode: Indexed"));
        int completions = int.Parse(CompletionsRegex().Match(yaml).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(yaml, Does.Contain($"--shard auto/{completions}"));
        Assert.That(yaml, Does.Contain("--out /results/line3/shard-${JOB_COMPLETION_INDEX}"));
        Assert.That(yaml, Does.Contain("lookoutsim merge /results/line3/shard-*"));
        Assert.That(yaml, Does.Contain("kubectl\", \"wait\", \"--for=condition=complete\", \"job/lookoutsim-shards\""));
    }

    [Test]
    public void SlurmScript_SubmitsAnArrayThenADependentMerge()
    {
        string sh = Sample("slurm-sweep.sh");
        Assert.That(sh, Does.Contain("--array=1-\"$SHARDS\""));
        Assert.That(sh, Does.Contain("--shard auto/\"$SHARDS\""));
        Assert.That(sh, Does.Contain("--dependency=afterok:\"$array\""));
        Assert.That(sh, Does.Contain("merge \"$RESULTS\"/shard-*"));
    }

    [Test]
    public void AwsBatchJobDefinition_IsValidJsonRunningAShard()
    {
        using var doc = JsonDocument.Parse(Sample("aws-batch-job.json"));
        JsonElement container = doc.RootElement.GetProperty("containerProperties");
        string command = string.Join(' ', container.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.That(command, Does.Contain("--shard auto/\"$SHARDS\"").And.Contain("shard-$AWS_BATCH_JOB_ARRAY_INDEX"));
        Assert.That(container.GetProperty("environment").EnumerateArray().Select(e => e.GetProperty("name").GetString()), Does.Contain("SHARDS"));
        Assert.That(Sample("aws-batch-submit.sh"), Does.Contain("--depends-on jobId=\"$array\"").And.Contain("--array-properties size=\"$SHARDS\""));
    }

    [GeneratedRegex(@"completions:\s*(\d+)")]
    private static partial Regex CompletionsRegex();
}
