using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

public sealed class ShardSpecTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [TestCase("1/1", 1, 1)]
    [TestCase("2/3", 2, 3)]
    [TestCase("3/3", 3, 3)]
    public void Parse_KOverN_ReadsBoth(string text, int k, int n)
    {
        Assert.That(ShardSpec.Parse(text, Env()), Is.EqualTo(new ShardSpec(k, n)));
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1/0")]
    [TestCase("x/3")]
    [TestCase("3")]
    [TestCase("auto")]
    public void Parse_Invalid_ThrowsWithMessage(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ShardSpec.Parse(text, Env()));
        Assert.That(ex!.Message, Does.Contain("--shard"));
    }

    [Test]
    public void Parse_AutoWithKubernetesIndex_IsZeroBased()
    {
        Assert.That(ShardSpec.Parse("auto/4", Env(("JOB_COMPLETION_INDEX", "0"))), Is.EqualTo(new ShardSpec(1, 4)));
        Assert.That(ShardSpec.Parse("auto/4", Env(("JOB_COMPLETION_INDEX", "3"))), Is.EqualTo(new ShardSpec(4, 4)));
    }

    [Test]
    public void Parse_AutoWithAwsBatchIndex_IsZeroBased()
    {
        Assert.That(ShardSpec.Parse("auto/3", Env(("AWS_BATCH_JOB_ARRAY_INDEX", "2"))), Is.EqualTo(new ShardSpec(3, 3)));
    }

    [TestCase("1", "1", 1)]
    [TestCase("4", "1", 4)]
    [TestCase("0", "0", 1)]
    [TestCase("3", "0", 4)]
    public void Parse_AutoWithSlurm_IsRelativeToTheArraysFirstIndex(string id, string min, int k)
    {
        Assert.That(ShardSpec.Parse("auto/4", Env(("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_MIN", min))), Is.EqualTo(new ShardSpec(k, 4)));
    }

    [Test]
    public void Parse_AutoWithSlurmArrayOfAnotherSize_Refuses()
    {
        var ex = Assert.Throws<FormatException>(() => ShardSpec.Parse("auto/4", Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "8"))));
        Assert.That(ex!.Message, Does.Contain("8 tasks"));
    }

    [Test]
    public void Parse_AutoWithoutAnyIndex_NamesTheVariables()
    {
        var ex = Assert.Throws<FormatException>(() => ShardSpec.Parse("auto/2", Env()));
        Assert.That(ex!.Message, Does.Contain("JOB_COMPLETION_INDEX").And.Contain("SLURM_ARRAY_TASK_ID"));
    }

    [Test]
    public void Parse_AutoIndexBeyondN_Refuses()
    {
        Assert.Throws<FormatException>(() => ShardSpec.Parse("auto/2", Env(("JOB_COMPLETION_INDEX", "2"))));
    }

    [TestCase(1, 0)]
    [TestCase(3, 8)]
    [TestCase(5, 3)]
    [TestCase(4, 101)]
    public void PointIndices_AllShards_CoverEveryPointExactlyOnceRoundRobin(int n, int points)
    {
        // When
        var all = Enumerable.Range(1, n).SelectMany(k => new ShardSpec(k, n).PointIndices(points)).ToList();

        // Then
        Assert.That(all.Order(), Is.EqualTo(Enumerable.Range(0, points)));
        Assert.That(new ShardSpec(1, n).PointIndices(points), Is.All.Matches<int>(i => i % n == 0));
    }
}
