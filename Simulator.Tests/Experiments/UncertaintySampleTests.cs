using LookoutSim.Experiments;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Experiments;

public sealed class UncertaintySampleTests
{
    private static UncertaintySpec Spec() => new()
    {
        Fields =
        [
            new UncertainField { Path = "service.base", Nominal = "50ms", Low = "40ms", High = "60ms", Source = "t", Kind = UncertainKind.Duration },
            new UncertainField { Path = "autoscaling.target", Nominal = "70%", Low = "60%", High = "80%", Source = "t", Kind = UncertainKind.Share },
            new UncertainField { Path = "autoscaling.rebalance", Nominal = "false", Low = "true", High = "false", Values = ["true", "false"], Source = "t", Kind = UncertainKind.Choice },
        ],
    };

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(64)]
    public void LatinHypercube_HitsEachStratumOfEachFieldExactlyOnce(int n)
    {
        var points = UncertaintySample.LatinHypercube(Spec(), n, seed: 42);
        Assert.That(points.Select(p => p.Index), Is.EqualTo(Enumerable.Range(1, n)));
        for (int j = 0; j < 3; j++)
        {
            var strata = points.Select(p => UncertaintySample.Stratum(p.Values[j].U, n)).OrderBy(s => s);
            Assert.That(strata, Is.EqualTo(Enumerable.Range(0, n)), $"field {j}");
            Assert.That(points.All(p => p.Values[j].U is >= 0 and < 1), Is.True);
        }
    }

    [Test]
    public void LatinHypercube_IsTheSameForTheSameSeed_AndDiffersForAnother()
    {
        var a = UncertaintySample.LatinHypercube(Spec(), 16, seed: 7);
        var b = UncertaintySample.LatinHypercube(Spec(), 16, seed: 7);
        var c = UncertaintySample.LatinHypercube(Spec(), 16, seed: 8);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Select(p => p.Values[0].U), Is.Not.EqualTo(c.Select(p => p.Values[0].U)));
    }

    [Test]
    public void LatinHypercube_ValuesAreTheFieldsValueAtTheCoordinate()
    {
        UncertaintySpec spec = Spec();
        foreach (UncertaintyPoint p in UncertaintySample.LatinHypercube(spec, 10, seed: 3))
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.That(p.Values[j].Value, Is.EqualTo(spec.Fields[j].ValueAt(p.Values[j].U)));
                Assert.That(p.Overrides[j], Is.EqualTo(spec.Fields[j].Path + "=" + p.Values[j].Value));
            }
        }
    }

    [Test]
    public void OneAtATime_GivesEachFieldsEnds_TheOthersNominal()
    {
        var oat = UncertaintySample.OneAtATime(Spec());
        Assert.That(oat.Select(o => o.Field.Path), Is.EqualTo(Spec().Fields.Select(f => f.Path)));
        Assert.That(oat[1].Low.Overrides, Is.EqualTo(new[] { "autoscaling.target=60%" }));
        Assert.That(oat[1].High.Overrides, Is.EqualTo(new[] { "autoscaling.target=80%" }));
        Assert.That(oat.SelectMany(o => new[] { o.Low.Index, o.High.Index }), Is.EqualTo(Enumerable.Range(1, 6)));
    }
}
