using System.Collections.Immutable;
using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Mean service time per image, S = base + per_megapixel × MP + per_megabyte × MB, and draws
/// around it from the configured family. Holds the image catalog: the scenario's mix first, then
/// each source's own mix.
/// </summary>
public sealed class ServiceTimeModel
{
    private readonly double[] _means;
    private readonly Distribution _shape;

    /// <summary>Builds the model for the scenario mix <paramref name="mix"/> and further catalog images.</summary>
    public ServiceTimeModel(ServiceConfig service, ImmutableArray<ImageSpec> mix, IReadOnlyList<ImageSpec> catalog)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Concurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(service), service.Concurrency, "concurrency must be ≥ 1");
        }

        Concurrency = service.Concurrency;
        double baseTime = service.Base;
        if (service.TpsPerUnit is double tps)
        {
            if (!(tps > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(service), tps, "tps_per_unit must be > 0");
            }

            double terms = service.ReferenceImage is ImageSpec reference
                ? ImageTerms(service, reference)
                : MixMean(mix, im => ImageTerms(service, im));
            baseTime = (Concurrency / tps) - terms;
            if (baseTime < -1e-12)
            {
                throw new ArgumentException(
                    $"tps_per_unit {tps} implies a negative base ({baseTime} s): the per-megapixel and per-megabyte terms alone are slower", nameof(service));
            }

            baseTime = Math.Max(0, baseTime);
        }

        Base = baseTime;
        _means = new double[catalog.Count];
        for (int i = 0; i < catalog.Count; i++)
        {
            _means[i] = baseTime + ImageTerms(service, catalog[i]);
        }

        MeanServiceTime = MixMean(mix, im => baseTime + ImageTerms(service, im));
        if (!(MeanServiceTime > 0))
        {
            throw new ArgumentException("the mean service time of the mix must be > 0", nameof(service));
        }

        RatedTpsPerUnit = Concurrency / MeanServiceTime;
        _shape = Distribution.ByMean(service.Distribution, MeanServiceTime, service.Cv);
    }

    /// <summary>The base actually used (solved from TPS when given), seconds.</summary>
    public double Base { get; }

    /// <summary>E[S] over the scenario mix, seconds.</summary>
    public double MeanServiceTime { get; }

    /// <summary>Concurrency / E[S], calls/s.</summary>
    public double RatedTpsPerUnit { get; }

    /// <summary>Slots per unit.</summary>
    public int Concurrency { get; }

    /// <summary>Mean service time of catalog image <paramref name="image"/>, seconds.</summary>
    public double MeanOf(int image) => _means[image];

    /// <summary>One service time for an image, seconds.</summary>
    public double Sample(RandomStream rng, int image) => _shape.Sample(rng, _means[image]);

    private static double ImageTerms(ServiceConfig s, ImageSpec im) => (s.PerMegapixel * im.Megapixels) + (s.PerMegabyte * im.SizeMb);

    private static double MixMean(ImmutableArray<ImageSpec> mix, Func<ImageSpec, double> f)
    {
        double total = 0, sum = 0;
        foreach (ImageSpec im in mix)
        {
            total += im.Share;
            sum += im.Share * f(im);
        }

        return total > 0 ? sum / total : throw new ArgumentException("the image mix has no positive share", nameof(mix));
    }
}
