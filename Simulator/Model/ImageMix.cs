using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>A source's image mix: catalog indices and cumulative shares; draws from the source's image stream.</summary>
internal sealed class ImageMix
{
    private readonly int _first;
    private readonly double[] _cumulative;

    public ImageMix(int first, IReadOnlyList<ImageSpec> images)
    {
        _first = first;
        _cumulative = new double[images.Count];
        double sum = 0;
        for (int i = 0; i < images.Count; i++)
        {
            sum += images[i].Share;
            _cumulative[i] = sum;
        }
    }

    public int Draw(RandomStream rng)
    {
        if (_cumulative.Length == 1)
        {
            return _first;
        }

        double u = rng.NextUnit() * _cumulative[^1];
        for (int i = 0; i < _cumulative.Length - 1; i++)
        {
            if (u < _cumulative[i])
            {
                return _first + i;
            }
        }

        return _first + _cumulative.Length - 1;
    }
}
