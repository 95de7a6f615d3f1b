using System.Text;
using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>compare</c> on files that are damaged or hostile: a truncated or incomplete
/// <c>summary.json</c> is an error naming the file and where it breaks, never silently dropped
/// metadata; a point id that could not name a folder is refused with file and line.
/// </summary>
public sealed class CompareInputSafetyTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-compare-safety-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Sub(string name) => Path.Combine(_dir, name);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Support.CliRun.Run(args);

    [Test]
    public void Compare_TruncatedSummaryJson_Exit2NamingFileAndLine()
    {
        // Given: a run folder whose summary.json was cut short (its summary.csv is whole)
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.TenUnits());
        string json = Path.Combine(b, "summary.json");
        File.WriteAllText(json, "{\n  \"tool\": \"lookoutsim\",\n  \"version\": \"0.1.0\",\n  \"scenario\": \"line-3");

        // When
        (int exit, string output, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(err, Does.Contain(json + ":4: error: not valid JSON, column "));
        Assert.That(output, Does.Not.Contain("result:"));
    }

    [TestCase("seed")]
    [TestCase("replications")]
    [TestCase("scenario")]
    [TestCase("metrics")]
    public void Compare_SummaryJsonMissingARequiredField_Exit2NamingTheField(string field)
    {
        // Given
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = CompareFixtures.WriteRun(Sub("b"), CompareFixtures.TenUnits());
        string json = Path.Combine(b, "summary.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        node.Remove(field);
        File.WriteAllText(json, node.ToJsonString());

        // When
        (int exit, _, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(json + ": error: missing '" + field + "'"));
    }

    [Test]
    public void Compare_SummaryJsonOnlyAndAMeasureWithoutMean_Exit2()
    {
        // Given: a folder with summary.json alone, one measure lacking its mean
        string a = CompareFixtures.WriteRun(Sub("a"), CompareFixtures.TenUnits());
        string b = Directory.CreateDirectory(Sub("b")).FullName;
        File.WriteAllText(Path.Combine(b, "summary.json"),
            "{\"tool\":\"lookoutsim\",\"version\":\"0.1.0\",\"scenario\":\"x\",\"seed\":7,\"replications\":10,\"metrics\":{\"cost\":{\"unit\":\"currency\",\"ci95_low\":1,\"ci95_high\":2}}}");

        // When
        (int exit, _, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("metrics.cost.mean"));
    }

    public static IEnumerable<TestCaseData> HostileIds()
    {
        yield return new TestCaseData("../../etc").SetName("Compare_PointIdWithParentTraversal_Exit2");
        yield return new TestCaseData("/abs/path").SetName("Compare_AbsolutePointId_Exit2");
        yield return new TestCaseData("a\\b").SetName("Compare_PointIdWithBackslash_Exit2");
        yield return new TestCaseData("p\0q").SetName("Compare_PointIdWithNul_Exit2");
        yield return new TestCaseData(new string('p', 3000)).SetName("Compare_VeryLongPointId_Exit2");
        yield return new TestCaseData("..").SetName("Compare_DotDotPointId_Exit2");
    }

    [TestCaseSource(nameof(HostileIds))]
    public void Compare_SweepWithHostilePointId_Exit2NamingFileAndLine(string id)
    {
        // Given: a sweep.csv whose second point has a hostile id
        string a = Directory.CreateDirectory(Sub("a")).FullName;
        string b = Directory.CreateDirectory(Sub("b")).FullName;
        const string header = "point,x,cost_mean,cost_ci95_low,cost_ci95_high\n";
        File.WriteAllText(Path.Combine(a, "sweep.csv"), header + "p1,1,2,1,3\np2,2,2,1,3\n");
        string quoted = "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        File.WriteAllText(Path.Combine(b, "sweep.csv"), header + "p1,1,2,1,3\n" + quoted + ",2,2,1,3\n", new UTF8Encoding(false));

        // When
        (int exit, _, string err) = Run("compare", a, b);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(Path.Combine(b, "sweep.csv") + ":3: error: point: '"));
        Assert.That(err.Any(c => c < ' ' && c is not '\n' and not '\r'), Is.False);
        Assert.That(err, Has.Length.LessThan(1000));
    }
}
