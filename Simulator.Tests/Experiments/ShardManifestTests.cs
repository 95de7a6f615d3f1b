using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

public sealed class ShardManifestTests
{
    private static readonly SweepDefinition Def = new SweepTestModel(SweepTestSupport.SweepSpec()).Definition();

    private static (string, ShardManifest) Shard(int k, int n, SweepDefinition? def = null) =>
        ($"s{k}", ShardManifest.For(def ?? Def, new ShardSpec(k, n)));

    [Test]
    public void Problems_CompleteSet_None()
    {
        Assert.That(ShardManifest.Problems([Shard(2, 3), Shard(1, 3), Shard(3, 3)]), Is.Empty);
    }

    [Test]
    public void Problems_MissingShard_SaysWhich()
    {
        Assert.That(ShardManifest.Problems([Shard(1, 3), Shard(3, 3)]), Has.One.Contains("2/3 missing"));
    }

    [Test]
    public void Problems_RepeatedShard_SaysWhich()
    {
        Assert.That(ShardManifest.Problems([Shard(1, 2), Shard(1, 2), Shard(2, 2)]), Has.One.Contains("more than once"));
    }

    [Test]
    public void Problems_ShardOfAnotherSweep_Refuses()
    {
        Assert.That(ShardManifest.Problems([Shard(1, 2), Shard(2, 2, Def with { Seed = 99 })]), Has.One.Contains("different sweep"));
    }

    [Test]
    public void Problems_SplitDifferently_Refuses()
    {
        Assert.That(ShardManifest.Problems([Shard(1, 2), Shard(2, 3)]), Has.One.Contains("split differently"));
    }
}
