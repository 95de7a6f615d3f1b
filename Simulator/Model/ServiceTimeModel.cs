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

    // Per image, the factor that rescales a draw of _shape to the image's mean: mean / _shape.Mean,
    // the same quotient Distribution.Sample(rng, mean) computes on every draw.
    private readonly double[] _scales;
    private readonly bool _rescales;
    private readonly bool _logNormal;
    private readonly double _logMu;
    private readonly double _logSigma;

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
        _rescales = _shape.Kind is not (DistributionKind.Deterministic or DistributionKind.Exponential) && _shape.Mean > 0;
        _scales = new double[_means.Length];
        for (int i = 0; i < _means.Length; i++)
        {
            _scales[i] = _rescales ? _means[i] / _shape.Mean : 1;
        }

        _logNormal = _shape.Kind == DistributionKind.LogNormal;
        if (_logNormal)
        {
            // The lognormal's (μ, σ) exactly as Distribution.LogNormal derives them from (mean, cv).
            double sigma2 = Math.Log(1 + (_shape.Cv * _shape.Cv));
            _logMu = Math.Log(_shape.Mean) - (sigma2 / 2);
            _logSigma = Math.Sqrt(sigma2);
        }
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
    /// <remarks>
    /// The same draw, bit for bit, as <c>Distribution.Sample(rng, MeanOf(image))</c>, with the
    /// rescaling factor computed once per image and the lognormal drawn inline.
    /// </remarks>
    public double Sample(RandomStream rng, int image)
    {
        if (!_rescales)
        {
            return _shape.Sample(rng, _means[image]);
        }

        double draw = _logNormal
            ? Math.Exp(_logMu + (_logSigma * rng.NextStandardNormal()))
            : _shape.Sample(rng);
        return draw * _scales[image];
    }
}
