using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A non-homogeneous Poisson process with rate λ(t) = rate × profile(t) × weekday(t), drawn exactly by
/// inverting its integral (<see cref="PiecewiseLinearRate"/>): one unit-exponential draw per arrival.
/// profile(t) is the source's <see cref="DailyProfile"/> (step or linear; the day's mean is the
/// profile's mean × rate).
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

        _rate = WeekRate(config.Rate, new DailyProfile(config.Profile, config.Shape), weekdays, system.Config.WeekOffset);
    }

    /// <summary>λ(t), calls/s.</summary>
    public double RateAt(double t) => _rate.RateAt(t);

    /// <summary>
    /// The week's rate as segments: each day's <paramref name="profile"/> (its breakpoints, a jump
    /// starting a new segment) × rate × that day's weekday multiplier; <paramref name="weekOffset"/>
    /// is the time into the week at t = 0.
    /// </summary>
    internal static PiecewiseLinearRate WeekRate(double rate, DailyProfile profile, double[] weekdays, double weekOffset)
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
    /// end), from the profile's breakpoints: a segment between each two of different times.
    /// </summary>
    internal static (double[] Starts, double[] Left, double[] Right) DaySegments(DailyProfile profile)
    {
        var starts = new List<double>();
        var left = new List<double>();
        var right = new List<double>();
        IReadOnlyList<(double Second, double Multiplier)> points = profile.Breakpoints;
        for (int i = 0; i + 1 < points.Count; i++)
        {
            if (points[i + 1].Second > points[i].Second)
            {
                starts.Add(points[i].Second);
                left.Add(points[i].Multiplier);
                right.Add(points[i + 1].Multiplier);
            }
        }

        return ([.. starts], [.. left], [.. right]);
    }

    internal override void Begin() => Schedule(NextTime(System.Sim.Now));

    public override void Handle(in EventPayload payload)
    {
        // The next arrival's time is drawn before this arrival is handled and scheduled after it, as
        // before: the draw is from this source's own stream, so it is the same number, and the work
        // of the arrival overlaps the logarithm and the division instead of waiting for them.
        double next = NextTime(System.Sim.Now);
        Arrive();
        Schedule(next);
    }

    private double NextTime(double t) => _rate.Advance(t, Arrivals.NextExponential(1), System.Config.Horizon);

    private void Schedule(double next)
    {
        if (next < double.PositiveInfinity)
        {
            ScheduleArrival(next);
        }
    }
}
