using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

public sealed class CompareTolerancesTests
{
    [Test]
    public void Parse_NoValues_FivePercentForEveryMeasure()
    {
        CompareTolerances t = CompareTolerances.Parse([]);

        Assert.That(t.For("cost"), Is.EqualTo(0.05));
    }

    [Test]
    public void Parse_DefaultAndPerMeasure_EachMeasureGetsItsOwn()
    {
        // When
        CompareTolerances t = CompareTolerances.Parse(["3%", "cost=1%", "latency_p99_s=0.1"]);

        // Then
        Assert.Multiple(() =>
        {
            Assert.That(t.Default, Is.EqualTo(0.03).Within(1e-15));
            Assert.That(t.For("cost"), Is.EqualTo(0.01).Within(1e-15));
            Assert.That(t.For("latency_p99_s"), Is.EqualTo(0.1).Within(1e-15));
            Assert.That(t.For("availability"), Is.EqualTo(0.03).Within(1e-15));
        });
    }

    [Test]
    public void Parse_SameMeasureTwice_LaterWins()
    {
        CompareTolerances t = CompareTolerances.Parse(["cost=1%", "cost=2%"]);

        Assert.That(t.For("cost"), Is.EqualTo(0.02).Within(1e-15));
    }

    [TestCase("5")]
    [TestCase("abc")]
    [TestCase("-1%")]
    [TestCase("=1%")]
    [TestCase("cost=")]
    public void Parse_BadValue_FormatExceptionNamingIt(string value)
    {
        FormatException? ex = Assert.Throws<FormatException>(() => CompareTolerances.Parse([value]));

        Assert.That(ex!.Message, Does.Contain(value));
    }

    [Test]
    public void Format_Fraction_Percentage()
    {
        Assert.That(CompareTolerances.Format(0.015), Is.EqualTo("1.5%"));
    }
}
