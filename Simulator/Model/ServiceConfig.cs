using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// The service-time model: S(image) = base + per_megapixel × width·height/10⁶ + per_megabyte × size_MB,
/// drawn from <see cref="Distribution"/> with that mean and coefficient of variation <see cref="Cv"/>.
/// </summary>
public sealed record ServiceConfig
{
    /// <summary>Fixed part of the mean service time, seconds.</summary>
    /// <remarks>Default 0. A scenario's <c>tps_per_unit</c> is solved into it when the scenario is loaded.</remarks>
    public double Base { get; init; }

    /// <summary>Seconds per megapixel (10⁶ pixels).</summary>
    public double PerMegapixel { get; init; }

    /// <summary>Seconds per megabyte (10⁶ bytes) of image.</summary>
    public double PerMegabyte { get; init; }

    /// <summary>Family of the actual service time around its mean.</summary>
    /// <remarks>Default exponential. Deterministic, exponential, lognormal or gamma.</remarks>
    public DistributionKind Distribution { get; init; } = DistributionKind.Exponential;

    /// <summary>Coefficient of variation for lognormal and gamma.</summary>
    /// <remarks>Default 0.3; ignored by deterministic (0) and exponential (1).</remarks>
    public double Cv { get; init; } = 0.3;

    /// <summary>Requests one unit serves at once.</summary>
    /// <remarks>Default 1.</remarks>
    public int Concurrency { get; init; } = 1;

    /// <summary>Mean service time of <paramref name="image"/>, seconds: base + per_megapixel × MP + per_megabyte × MB.</summary>
    public double MeanFor(ImageSpec image) => Base + ((PerMegapixel * image.Megapixels) + (PerMegabyte * image.SizeMb));

    /// <summary>Mean service time over <paramref name="mix"/>, each image weighted by its share, seconds.</summary>
    /// <exception cref="ArgumentException">No image of the mix has a positive share.</exception>
    public double MixMean(IEnumerable<ImageSpec> mix)
    {
        double total = 0, sum = 0;
        foreach (ImageSpec im in mix)
        {
            total += im.Share;
            sum += im.Share * MeanFor(im);
        }

        return total > 0 ? sum / total : throw new ArgumentException("the image mix has no positive share", nameof(mix));
    }
}

/// <summary>One kind of image in a mix.</summary>
/// <param name="Share">Fraction of calls carrying this image, 0 … 1.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="SizeMb">Megabytes (10⁶ bytes).</param>
public sealed record ImageSpec(double Share, int Width, int Height, double SizeMb)
{
    /// <summary>Width × height / 10⁶.</summary>
    public double Megapixels => (double)Width * Height / 1e6;
}
