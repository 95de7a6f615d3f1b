using System.Text.Json.Nodes;
using LookoutSim.Cli;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

/// <summary>
/// <c>merge</c> never writes (or reads) outside its folders, whatever ids a shard's <c>shard.json</c>
/// and <c>sweep.csv</c> hold: each id must be one safe folder name, and no link is followed.
/// </summary>
public sealed class SweepMergePathTests
{
    private static (int Code, string Err) Cli(params string[] args)
    {
        var e = new StringWriter();
        int code = CommandLine.Run(args, new StringWriter(), e);
        return (code, e.ToString());
    }

    /// <summary>A whole sweep of a small scenario written as shard 1/1 at <paramref name="shard"/>.</summary>
    private static void WriteShard(string folder, string shard)
    {
        string spec = SweepTestSupport.SweepScenario(folder, replications: 2);
        (int code, string err) = Cli("sweep", spec, "--shard", "1/1", "--out", shard, "--quiet", "--parallel", "1");
        Assert.That(code, Is.EqualTo(0), err);
    }

    /// <summary>The id of point <paramref name="index"/> (0-based) of the shard, from its <c>sweep.csv</c>.</summary>
    private static string PointId(string shard, int index) =>
        File.ReadAllLines(Path.Combine(shard, "sweep.csv"))[1 + index].Split(',')[0];

    /// <summary>Replaces the first point's id by <paramref name="id"/> in both <c>shard.json</c> and <c>sweep.csv</c>.</summary>
    private static void RenamePoint(string shard, string id)
    {
        string first = PointId(shard, 0);
        string manifest = Path.Combine(shard, "shard.json");
        JsonNode json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["points"]![0]!["id"] = id;
        File.WriteAllText(manifest, json.ToJsonString());
        string csv = Path.Combine(shard, "sweep.csv");
        string[] lines = File.ReadAllLines(csv);
        Assert.That(lines[1], Does.StartWith(first + ","));
        lines[1] = CsvCells.Field(id) + lines[1][first.Length..];
        File.WriteAllLines(csv, lines);
    }

    [Test]
    public void Merge_ShardPointIdEscapingTheFolder_Exit2AndNothingCreatedOutside()
    {
        // Given: the reproduction — point id ../../../escape-merge in shard.json and sweep.csv, and a
        // planted folder where points/../../../escape-merge leads from the shard
        string root = SweepTestSupport.TempFolder("escape");
        string shard = Path.Combine(root, "s", "t", "shard");
        WriteShard(root, shard);
        RenamePoint(shard, "../../../escape-merge");
        string planted = Path.GetFullPath(Path.Combine(shard, "points", "../../../escape-merge"));
        Directory.CreateDirectory(planted);
        File.WriteAllText(Path.Combine(planted, "planted.txt"), "not a result");
        string target = Path.Combine(root, "a", "b", "m");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // When
        (int code, string err) = Cli("merge", shard, "--out", target);

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("escape-merge").And.Contain("refused"));
        Assert.That(Directory.Exists(Path.Combine(root, "a", "escape-merge")), Is.False, "merge wrote outside --out");
        Assert.That(Directory.Exists(target), Is.False);
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, "a")), Is.EqualTo(new[] { Path.Combine(root, "a", "b") }));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, "a", "b")), Is.Empty, "no temporary folder left");
    }

    public static IEnumerable<TestCaseData> HostileIds()
    {
        yield return new TestCaseData("/tmp/lookoutsim-absolute-escape").SetName("Merge_AbsolutePointId_Exit2");
        yield return new TestCaseData("..").SetName("Merge_DotDotPointId_Exit2");
        yield return new TestCaseData("points/../..").SetName("Merge_PointIdWithSeparators_Exit2");
        yield return new TestCaseData("p000\0x").SetName("Merge_PointIdWithNul_Exit2");
        yield return new TestCaseData(new string('p', 4000)).SetName("Merge_VeryLongPointId_Exit2");
        yield return new TestCaseData("p\u001b[31m\u0007").SetName("Merge_PointIdWithEscapeSequence_Exit2");
        yield return new TestCaseData("").SetName("Merge_EmptyPointId_Exit2");
    }

    [TestCaseSource(nameof(HostileIds))]
    public void Merge_HostilePointId_Exit2WithShortSafeMessageAndNothingWritten(string id)
    {
        // Given
        string root = SweepTestSupport.TempFolder("hostile");
        string shard = Path.Combine(root, "shard");
        WriteShard(root, shard);
        RenamePoint(shard, id);
        string target = Path.Combine(root, "out", "m");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // When
        (int code, string err) = Cli("merge", shard, "--out", target);

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("shard.json"));
        Assert.That(err.Any(c => c < ' ' && c is not '\n' and not '\r'), Is.False, "raw control characters on stderr");
        Assert.That(err, Has.Length.LessThan(2000));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, "out")), Is.Empty);
        Assert.That(Directory.Exists("/tmp/lookoutsim-absolute-escape"), Is.False);
    }

    [Test]
    public void Merge_PointFolderIsASymlink_Exit2AndTheLinkTargetIsNotCopied()
    {
        // Given: the first point's folder replaced by a link to a folder outside the shard
        string root = SweepTestSupport.TempFolder("link");
        string shard = Path.Combine(root, "shard");
        WriteShard(root, shard);
        string secret = Directory.CreateDirectory(Path.Combine(root, "secret")).FullName;
        File.WriteAllText(Path.Combine(secret, "id_rsa"), "secret");
        string point = Path.Combine(shard, "points", PointId(shard, 0));
        Directory.Delete(point, recursive: true);
        Directory.CreateSymbolicLink(point, secret);
        string target = Path.Combine(root, "m");

        // When
        (int code, string err) = Cli("merge", shard, "--out", target);

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("symbolic link"));
        Assert.That(Directory.Exists(target), Is.False);
    }

    [Test]
    public void Merge_LinkInsideAPointFolder_Exit2()
    {
        // Given: a file link inside the second point's folder to a file outside the shard
        string root = SweepTestSupport.TempFolder("inner-link");
        string shard = Path.Combine(root, "shard");
        WriteShard(root, shard);
        File.WriteAllText(Path.Combine(root, "secret.txt"), "secret");
        File.CreateSymbolicLink(Path.Combine(shard, "points", PointId(shard, 1), "leak.txt"), Path.Combine(root, "secret.txt"));

        // When
        (int code, string err) = Cli("merge", shard, "--out", Path.Combine(root, "m"));

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("leak.txt"));
        Assert.That(Directory.Exists(Path.Combine(root, "m")), Is.False);
    }

    [Test]
    public void Merge_ManifestWithNullPoints_Exit2NotACrash()
    {
        // Given
        string root = SweepTestSupport.TempFolder("null-points");
        string shard = Path.Combine(root, "shard");
        WriteShard(root, shard);
        string manifest = Path.Combine(shard, "shard.json");
        JsonNode json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["points"] = null;
        File.WriteAllText(manifest, json.ToJsonString());

        // When
        (int code, string err) = Cli("merge", shard, "--out", Path.Combine(root, "m"));

        // Then
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("shard.json"));
    }

    [Test]
    public void SweepCsvRead_HostilePointId_RefusedWithFileAndLine()
    {
        // Given
        using var dir = new TempDir();
        string path = dir["sweep.csv"];
        File.WriteAllText(path, "point,x,requests_arrived_mean,requests_arrived_ci95_low,requests_arrived_ci95_high\np1,1,2,1,3\n../evil,1,2,1,3\n");

        // When / Then
        var ex = Assert.Throws<OutputException>(() => SweepCsv.Read(path));
        Assert.That(ex!.Message, Does.StartWith(path + ":3: point '../evil'"));
    }
}
