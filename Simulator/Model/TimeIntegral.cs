namespace LookoutSim.Model;

/// <summary>A piecewise-constant level and its integral over time.</summary>
public struct TimeIntegral
{
    private double _last;

    /// <summary>The current level.</summary>
    public double Level { get; private set; }

    private double _area;

    /// <summary>Sets the level from <paramref name="now"/> on.</summary>
    public void Set(double now, double level)
    {
        _area += Level * (now - _last);
        _last = now;
        Level = level;
    }

    /// <summary>Adds <paramref name="delta"/> to the level from <paramref name="now"/> on.</summary>
    public void Add(double now, double delta) => Set(now, Level + delta);

    /// <summary>∫ level dt from 0 to <paramref name="now"/> (level·seconds).</summary>
    public readonly double AreaAt(double now) => _area + (Level * (now - _last));
}
