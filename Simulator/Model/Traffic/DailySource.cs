using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A non-homogeneous Poisson process with rate λ(t) = rate × profile(t) × weekday(t), drawn exactly by
/// inverting its integral (<see cref="PiecewiseLinearRate"/>): one unit-exponential draw per arrival.
/// profile(t) interpolates linearly between knots at the middle of each hour (hour h's mean rate is
/// (p[h−1] + 6 p[h] + p[h+1]) / 8 × rate, and the day's mean is the profile's mean × rate).
/// </summary>
internal sealed class DailySource : TrafficSource
{
    private const double Day = 86400;
    private readonly PiecewiseLinearRate _rate;

    public DailySource(ServingSystem system, int index, DailyTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        if (config.Profile.Length != 24)
        {
            throw new ArgumentException($"daily source '{config.Name}' needs 24 hourly multipliers, got {config.Profile.Length}", nameof(config));
        }

        double[] weekdays = config.Weekdays.IsDefaultOrEmpty ? [1, 1, 1, 1, 1, 1, 1] : [.. config.Weekdays];
        if (weekdays.Length != 7)
        {
            throw new ArgumentException($"daily source '{config.Name}' needs 7 weekday multipliers", nameof(config));
        }

        _rate = WeekRate(config.Rate, [.. config.Profile], weekdays, system.Config.WeekOffset);
    }

    /// <summary>λ(t), calls/s.</summary>
    public double RateAt(double t) => _rate.RateAt(t);

    /// <summary>
    /// The week's rate as segments: each day's shape (<see cref="DaySegments"/>) × rate × that day's
    /// weekday multiplier; <paramref name="weekOffset"/> is the time into the week at t = 0.
    /// </summary>
    internal static PiecewiseLinearRate WeekRate(double rate, double[] profile, double[] weekdays, double weekOffset)
    {
        (double[] starts, double[] left, double[] right) = DaySegments(profile);
        int n = starts.Length;
        var weekStarts = new double[7 * n];
        var weekLeft = new double[7 * n];
        var weekRight = new double[7 * n];
        for (int d = 0; d < 7; d++)
        {
            double scale = rate * weekdays[d];
            for (int i = 0; i < n; i++)
            {
                weekStarts[(d * n) + i] = (d * Day) + starts[i];
                weekLeft[(d * n) + i] = scale * left[i];
                weekRight[(d * n) + i] = scale * right[i];
            }
        }

        return new PiecewiseLinearRate(weekStarts, weekLeft, weekRight, 7 * Day, weekOffset);
    }

    /// <summary>
    /// One day's profile as linear segments (times in seconds from midnight, multipliers at each
    /// end): knot h at the middle of hour h (h:30), linear between knots, and across midnight from
    /// knot 23 to knot 0 of the same profile.
    /// </summary>
    internal static (double[] Starts, double[] Left, double[] Right) DaySegments(double[] p)
    {
        double midnight = (p[23] + p[0]) / 2;
        var starts = new double[25];
        var left = new double[25];
        var right = new double[25];
        starts[0] = 0;
        left[0] = midnight;
        right[0] = p[0];
        for (int h = 0; h < 23; h++)
        {
            starts[h + 1] = (h * 3600) + 1800;
            left[h + 1] = p[h];
            right[h + 1] = p[h + 1];
        }

        starts[24] = (23 * 3600) + 1800;
        left[24] = p[23];
        right[24] = midnight;
        return (starts, left, right);
    }

    internal override void Begin() => Next(System.Sim.Now);

    public override void Handle(in EventPayload payload)
    {
        Arrive();
        Next(System.Sim.Now);
    }

    private void Next(double t)
    {
        double next = _rate.Advance(t, Arrivals.NextExponential(1), System.Config.Horizon);
        if (next < double.PositiveInfinity)
        {
            ScheduleArrival(next);
        }
    }
}
