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
        _means = new double[catalog.Count];
        for (int i = 0; i < catalog.Count; i++)
        {
            _means[i] = service.MeanFor(catalog[i]);
        }

        MeanServiceTime = service.MixMean(mix);
        if (!(MeanServiceTime > 0))
        {
            throw new ArgumentException("the mean service time of the mix must be > 0", nameof(service));
        }

        RatedTpsPerUnit = Concurrency / MeanServiceTime;
        _shape = Distribution.ByMean(service.Distribution, MeanServiceTime, service.Cv);
    }

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
}
