using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>
/// <see cref="SafePath"/>: the one check every id or name read from a file passes before it becomes
/// part of a path, and the one join that proves a path stays under its root.
/// </summary>
public sealed class SafePathTests
{
    public static IEnumerable<TestCaseData> HostileIds()
    {
        yield return new TestCaseData("../../../escape-merge").SetName("Segment_ParentTraversal_Refused");
        yield return new TestCaseData("..").SetName("Segment_DotDot_Refused");
        yield return new TestCaseData(".").SetName("Segment_Dot_Refused");
        yield return new TestCaseData("...").SetName("Segment_OnlyDots_Refused");
        yield return new TestCaseData("/etc/cron.d/x").SetName("Segment_AbsoluteUnixPath_Refused");
        yield return new TestCaseData("C:\\Windows\\x").SetName("Segment_AbsoluteWindowsPath_Refused");
        yield return new TestCaseData("a/b").SetName("Segment_Slash_Refused");
        yield return new TestCaseData("a\\b").SetName("Segment_Backslash_Refused");
        yield return new TestCaseData("p1\0.txt").SetName("Segment_Nul_Refused");
        yield return new TestCaseData("p1\u001b[31m").SetName("Segment_Escape_Refused");
        yield return new TestCaseData("p1\u202etxt.exe").SetName("Segment_BidiOverride_Refused");
        yield return new TestCaseData(new string('a', 201)).SetName("Segment_201Characters_Refused");
        yield return new TestCaseData(new string('a', 5000)).SetName("Segment_VeryLong_Refused");
        yield return new TestCaseData("").SetName("Segment_Empty_Refused");
        yield return new TestCaseData(null).SetName("Segment_Null_Refused");
        yield return new TestCaseData("CON").SetName("Segment_WindowsDevice_Refused");
        yield return new TestCaseData("nul.txt").SetName("Segment_WindowsDeviceWithExtension_Refused");
        yield return new TestCaseData("com1").SetName("Segment_WindowsComPort_Refused");
        yield return new TestCaseData("p1.").SetName("Segment_TrailingDot_Refused");
        yield return new TestCaseData("p 1").SetName("Segment_Space_Refused");
        yield return new TestCaseData("p1:stream").SetName("Segment_Colon_Refused");
        yield return new TestCaseData("~").SetName("Segment_Tilde_Refused");
        yield return new TestCaseData("p1*").SetName("Segment_Wildcard_Refused");
    }

    [TestCaseSource(nameof(HostileIds))]
    public void Segment_HostileId_ThrowsNamingFileLineAndField(string? id)
    {
        // When
        var ex = Assert.Throws<OutputException>(() => SafePath.Segment(id, "shard-1/sweep.csv", 7, "point"));

        // Then: file:line, the field, and a message with no raw control character
        Assert.That(ex!.Message, Does.StartWith("shard-1/sweep.csv:7: point "));
        Assert.That(ex.Message, Does.Contain("refused"));
        Assert.That(ex.Message.Any(DisplayText.IsUnsafe), Is.False, ex.Message);
        Assert.That(ex.Message, Has.Length.LessThan(500));
        Assert.That(SafePath.SegmentProblem(id), Is.Not.Null);
    }

    [TestCase("p1")]
    [TestCase("p000")]
    [TestCase("base")]
    [TestCase("p01-min_units=2-target=70%")]
    [TestCase("p12-rate=0.5-profile=_1__2_")]
    [TestCase("min2-max4-target70pct-loss-az-1")]
    [TestCase("p1-x=+5")]
    public void Segment_IdsLookoutSimMakes_Accepted(string id)
    {
        Assert.That(SafePath.Segment(id, "f", 1, "point"), Is.EqualTo(id));
    }

    [Test]
    public void Segment_200Characters_Accepted()
    {
        string id = new('a', SafePath.MaxLength);
        Assert.That(SafePath.Segment(id, "f", 1, "point"), Is.EqualTo(id));
    }

    [TestCase("Línea 3 (día)")]
    [TestCase("line-3 weekday")]
    [TestCase("ライン")]
    [TestCase("a.b")]
    public void Name_NamesPeopleChoose_Accepted(string name)
    {
        Assert.That(SafePath.Name(name, "s.yaml", 0, "name"), Is.EqualTo(name));
    }

    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("x\0y")]
    [TestCase("x\u0007y")]
    [TestCase("x\u202ey")]
    [TestCase("AUX")]
    [TestCase("a:b")]
    [TestCase(" lead")]
    [TestCase("trail.")]
    public void Name_UnsafeName_Refused(string name)
    {
        Assert.Throws<OutputException>(() => SafePath.Name(name, "s.yaml", 0, "name"));
    }

    [Test]
    public void Name_FewCharactersButTooManyBytes_Refused()
    {
        // 100 characters, 300 bytes in UTF-8: too long for a file name on most file systems
        var ex = Assert.Throws<OutputException>(() => SafePath.Name(new string('ラ', 100), "s.yaml", 0, "name"));
        Assert.That(ex!.Message, Does.Contain("300 bytes"));
    }

    [Test]
    public void Name_VeryLong_RefusedWithShortMessage()
    {
        var ex = Assert.Throws<OutputException>(() => SafePath.Name(new string('x', 15000), "s.yaml", 0, "name"));
        Assert.That(ex!.Message, Has.Length.LessThan(500));
        Assert.That(ex.Message, Does.Contain("15000 characters"));
    }

    [TestCase("../x")]
    [TestCase("points/../../x")]
    [TestCase("/etc/passwd")]
    [TestCase("..")]
    [TestCase(".")]
    [TestCase("")]
    [TestCase("a\0b")]
    public void Within_PathLeavingTheRoot_Refused(string relative)
    {
        using var dir = new TempDir();
        Assert.Throws<OutputException>(() => SafePath.Within(dir.Path, relative));
    }

    [Test]
    public void Within_PathInside_ResolvedUnderRoot()
    {
        using var dir = new TempDir();
        string full = SafePath.Within(dir.Path, Path.Combine("points", "p1"));
        Assert.That(full, Is.EqualTo(Path.Combine(Path.GetFullPath(dir.Path), "points", "p1")));
    }

    [Test]
    public void Within_SymlinkOnTheWay_Refused()
    {
        // Given: points/ is a link to a folder outside the root
        using var dir = new TempDir();
        string outside = Directory.CreateDirectory(dir["outside"]).FullName;
        string root = Directory.CreateDirectory(dir["root"]).FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "points"), outside);

        // When / Then
        var ex = Assert.Throws<OutputException>(() => SafePath.Within(root, Path.Combine("points", "p1")));
        Assert.That(ex!.Message, Does.Contain("symbolic link"));
    }

    [Test]
    public void Within_DanglingSymlinkAtTheEnd_Refused()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir["report.html"], Path.Combine(dir.Path, "nowhere", "x"));
        Assert.Throws<OutputException>(() => SafePath.Within(dir.Path, "report.html"));
    }
}
