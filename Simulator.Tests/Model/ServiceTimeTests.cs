using System.Collections.Immutable;
using LookoutSim.Engine;
using LookoutSim.Model;
using S = LookoutSim.Scenarios;

namespace LookoutSim.Tests.Model;

/// <summary>
/// The service-time arithmetic, S = base + per_megapixel × MP + per_megabyte × MB, checked by hand:
/// base 10 ms, 20 ms per megapixel, 5 ms per MB; a 2000×1000 image (2 MP) of 1 MB takes 55 ms, a
/// 1000×1000 image of 3 MB 45 ms, and a 3:1 mix of the two 0.75 × 55 + 0.25 × 45 = 52.5 ms.
/// </summary>
[TestFixture]
public class ServiceTimeTests
{
    private static readonly ServiceConfig Model = new() { Base = 0.010, PerMegapixel = 0.020, PerMegabyte = 0.005, Concurrency = 2 };
    private static readonly ImageSpec Large = new(0.75, 2000, 1000, 1);
    private static readonly ImageSpec Heavy = new(0.25, 1000, 1000, 3);

    [Test]
    public void MeanFor_OneImage_IsBasePlusImageTerms()
    {
        Assert.That(Model.MeanFor(Large), Is.EqualTo(0.055).Within(1e-12));
        Assert.That(Model.MeanFor(Heavy), Is.EqualTo(0.045).Within(1e-12));
    }

    [Test]
    public void ServiceTimeModel_Mix_WeighsImagesByShare()
    {
        var times = new ServiceTimeModel(Model, [Large, Heavy], [Large, Heavy]);
        Assert.Multiple(() =>
        {
            Assert.That(times.MeanServiceTime, Is.EqualTo(0.0525).Within(1e-12));
            Assert.That(times.RatedTpsPerUnit, Is.EqualTo(2 / 0.0525).Within(1e-9));
            Assert.That(times.MeanOf(1), Is.EqualTo(0.045).Within(1e-12));
        });
    }

    [TestCase(DistributionKind.Deterministic, 0.0)]
    [TestCase(DistributionKind.Exponential, 1.0)]
    [TestCase(DistributionKind.LogNormal, 0.3)]
    [TestCase(DistributionKind.LogNormal, 1.7)]
    [TestCase(DistributionKind.Gamma, 0.5)]
    [TestCase(DistributionKind.Gamma, 2.0)]
    [TestCase(DistributionKind.Uniform, 0.4)]
    public void Sample_SameBitsAsTheDistributionRescaledToTheImageMean(DistributionKind kind, double cv)
    {
        // Given the two-image mix in a family, and the family's shape at the mix mean
        var times = new ServiceTimeModel(Model with { Distribution = kind, Cv = cv }, [Large, Heavy], [Large, Heavy]);
        var shape = Distribution.ByMean(kind, times.MeanServiceTime, cv);
        var a = new RandomStream(42);
        var b = new RandomStream(42);

        // When both draw for alternating images from equal streams
        for (int i = 0; i < 20_000; i++)
        {
            int image = i % 3 == 0 ? 1 : 0;
            double mine = times.Sample(a, image);
            double reference = shape.Sample(b, times.MeanOf(image));

            // Then every draw is the same number, and the streams stay in step
            Assert.That(BitConverter.DoubleToInt64Bits(mine), Is.EqualTo(BitConverter.DoubleToInt64Bits(reference)), $"draw {i}");
        }

        Assert.That(a.NextULong(), Is.EqualTo(b.NextULong()));
    }

    [Test]
    public void MixMean_NoPositiveShare_Throws() =>
        Assert.Throws<ArgumentException>(() => Model.MixMean(ImmutableArray.Create(Large with { Share = 0 })));

    [Test]
    public void ScenarioServiceSpec_SameArithmeticInSeconds()
    {
        var spec = new S.ServiceSpec
        {
            Base = TimeSpan.FromMilliseconds(10),
            PerMegapixel = TimeSpan.FromMilliseconds(20),
            PerMegabyte = TimeSpan.FromMilliseconds(5),
        };
        var large = new S.ImageSpec { Share = 3, Width = 2000, Height = 1000, SizeMb = 1 };
        var heavy = new S.ImageSpec { Share = 1, Width = 1000, Height = 1000, SizeMb = 3 };
        Assert.Multiple(() =>
        {
            Assert.That(spec.ImageTermsSeconds(large), Is.EqualTo(0.045).Within(1e-12));
            Assert.That(spec.MeanSecondsFor(heavy), Is.EqualTo(0.045).Within(1e-12));
            Assert.That(spec.MixMeanSeconds([large, heavy]), Is.EqualTo(0.0525).Within(1e-12));
            Assert.That(spec.MixMeanSeconds([large with { Share = 0 }]), Is.EqualTo(0.010).Within(1e-12));
        });
    }
}
