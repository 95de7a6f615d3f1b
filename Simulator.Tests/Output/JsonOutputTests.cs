using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>The one JSON set-up: snake_case, NaN and infinities as null, negative zero as 0, text as it is, <c>\n</c> line ends.</summary>
[TestFixture]
public class JsonOutputTests
{
    private sealed record Sample(string PointName, double MeanS, double CiLow, double Zero, double? Missing);

    [Test]
    public void Serialize_Record_SnakeCaseAndNonFiniteAsNull()
    {
        string json = JsonOutput.Serialize(new Sample("3 × 4", 1.5, double.NaN, -0.0, double.PositiveInfinity));
        Assert.That(json, Is.EqualTo("{\n  \"point_name\": \"3 × 4\",\n  \"mean_s\": 1.5,\n  \"ci_low\": null,\n  \"zero\": 0,\n  \"missing\": null\n}"));
    }

    [Test]
    public void Deserialize_Null_ReadsBackAsNaN()
    {
        Sample? back = JsonOutput.Deserialize<Sample>(JsonOutput.Serialize(new Sample("p", 0.1, double.NaN, 0, null)));
        Assert.That(back, Is.Not.Null);
        Assert.That(back!.MeanS, Is.EqualTo(0.1));
        Assert.That(double.IsNaN(back.CiLow), Is.True);
        Assert.That(back.Missing, Is.Null);
    }

    [Test]
    public void Write_ByKey_SameSetUp()
    {
        string json = JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteFiniteOrNull("a", double.NaN);
            w.WriteFiniteOrNull("b", -0.0);
            w.WriteFiniteOrNull("c", 0.1);
            w.WriteString("d", "<€>");
            w.WriteEndObject();
        });
        Assert.That(json, Is.EqualTo("{\n  \"a\": null,\n  \"b\": 0,\n  \"c\": 0.1,\n  \"d\": \"<€>\"\n}"));
    }
}
