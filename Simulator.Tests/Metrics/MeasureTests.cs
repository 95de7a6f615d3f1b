using System.Reflection;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Metrics;

[TestFixture]
public class MeasureTests
{
    [Test]
    public void All_HoldsEveryConstantOnceInDeclarationOrder()
    {
        Measure[] declared = [.. typeof(Measure).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Measure))
            .Select(f => (Measure)f.GetValue(null)!)];
        Assert.That(Measure.All, Is.EqualTo(declared));
        Assert.That(Measure.All.Select(m => m.Name), Is.Unique);
        Assert.That(MeasureNames.All, Is.EqualTo(Measure.All.Select(m => (m.Name, m.Unit))));
    }

    [Test]
    public void Constants_NameAndUnitOfTheOutputsSpec()
    {
        Assert.That(Measure.FailedRate, Is.EqualTo(new Measure("failed_rate", "ratio")));
        Assert.That(Measure.LatencyP99S, Is.EqualTo(new Measure("latency_p99_s", "s")));
        Assert.That(Measure.Cost.Unit, Is.EqualTo("currency"));
        Assert.That(MeasureNames.UnitOf(Measure.Availability.Name), Is.EqualTo("ratio"));
    }
}
