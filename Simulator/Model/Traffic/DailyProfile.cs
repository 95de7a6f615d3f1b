namespace LookoutSim.Model;

/// <summary>
/// The multiplier of a daily source over one day, from its 24 hourly multipliers and its
/// <see cref="DailyShape"/>: a piecewise-linear function of the second of the day, cyclic over
/// midnight. <see cref="DailyShape.Step"/> holds multiplier h from h:00 to h+1:00 (hour h's mean is
/// exactly p[h]); <see cref="DailyShape.Linear"/> draws straight lines between knots at the middle of
/// each hour (knot h at h:30; hour h's mean is (p[h−1] + 6 p[h] + p[h+1]) / 8). Either way the day's
/// mean is the mean of the 24 multipliers.
/// </summary>
public sealed class DailyProfile
{
    private const double Hour = 3600;
    private readonly double[] _p; // 25 values: knot 24 is knot 0 of the next day
    private readonly DailyShape _shape;

    /// <summary>A profile of <paramref name="hourly"/> (24 values, hour 0 first) with <paramref name="shape"/>.</summary>
    public DailyProfile(IReadOnlyList<double> hourly, DailyShape shape)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        if (hourly.Count != 24)
        {
            throw new ArgumentException($"a daily profile needs 24 hourly multipliers, got {hourly.Count}", nameof(hourly));
        }

        _p = [.. hourly, hourly[0]];
        _shape = shape;
        Max = hourly.Max();
        Breakpoints = shape == DailyShape.Step ? StepBreakpoints() : LinearBreakpoints();
    }

    /// <summary>The largest multiplier over the day.</summary>
    public double Max { get; }

    /// <summary>
    /// The profile as the breakpoints (second of the day, multiplier) of a piecewise-linear function
    /// on [0, 86400], in time order, first at 0 and last at 86400; the value between two breakpoints
    /// is the straight line between them, and a jump is two breakpoints at the same time. This is the
    /// definition <see cref="At"/> evaluates, given so that the rate can be integrated exactly.
    /// </summary>
    public IReadOnlyList<(double Second, double Multiplier)> Breakpoints { get; }

    /// <summary>The multiplier at <paramref name="secondOfDay"/> (in [0, 86400)).</summary>
    public double At(double secondOfDay)
    {
        if (_shape == DailyShape.Step)
        {
            return _p[Math.Min(23, (int)(secondOfDay / Hour))];
        }

        double x = (secondOfDay / Hour) - 0.5;
        if (x < 0)
        {
            x += 24;
        }

        int h = Math.Min(23, (int)x);
        double f = x - h;
        return (_p[h] * (1 - f)) + (_p[h + 1] * f);
    }

    private (double, double)[] StepBreakpoints()
    {
        var points = new (double, double)[48];
        for (int h = 0; h < 24; h++)
        {
            points[2 * h] = (h * Hour, _p[h]);
            points[(2 * h) + 1] = ((h + 1) * Hour, _p[h]);
        }

        return points;
    }

    private (double, double)[] LinearBreakpoints()
    {
        double midnight = (_p[23] + _p[0]) / 2;
        var points = new (double, double)[26];
        points[0] = (0, midnight);
        for (int h = 0; h < 24; h++)
        {
            points[h + 1] = ((h + 0.5) * Hour, _p[h]);
        }

        points[25] = (24 * Hour, midnight);
        return points;
    }
}
