using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A non-homogeneous Poisson process with rate λ(t) = rate × profile(t) × weekday(t), drawn exactly
/// by thinning (Lewis–Shedler): candidates at the peak rate, each kept with probability λ(t)/peak.
/// profile(t) is the source's <see cref="DailyProfile"/> (step or linear; the day's mean is the
/// profile's mean × rate).
/// </summary>
internal sealed class DailySource : TrafficSource
{
    private const double Day = 86400;
    private readonly double _rate;
    private readonly DailyProfile _profile;
    private readonly double[] _weekdays;
    private readonly double _weekOffset;
    private readonly double _peak;
    private double _day = double.NaN; // the day of the last RateAt, from the week's start
    private double _dayMultiplier;

    public DailySource(ServingSystem system, int index, DailyTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        if (config.Profile.Length != 24)
        {
            throw new ArgumentException($"daily source '{config.Name}' needs 24 hourly multipliers, got {config.Profile.Length}", nameof(config));
        }

        _rate = config.Rate;
        _profile = new DailyProfile(config.Profile, config.Shape);
        _weekdays = config.Weekdays.IsDefaultOrEmpty ? [1, 1, 1, 1, 1, 1, 1] : [.. config.Weekdays];
        if (_weekdays.Length != 7)
        {
            throw new ArgumentException($"daily source '{config.Name}' needs 7 weekday multipliers", nameof(config));
        }

        _weekOffset = system.Config.WeekOffset;
        _peak = _rate * _profile.Max * _weekdays.Max();
    }

    /// <summary>λ(t), calls/s.</summary>
    public double RateAt(double t)
    {
        double w = t + _weekOffset;
        double days = Math.Floor(w / Day);
        double inDay = w - (days * Day);
        if (days != _day)
        {
            _day = days;
            _dayMultiplier = _weekdays[(int)((long)days % 7)];
        }

        return _rate * _profile.At(inDay) * _dayMultiplier;
    }

    internal override void Begin() => Next(System.Sim.Now);

    public override void Handle(in EventPayload payload)
    {
        Arrive();
        Next(System.Sim.Now);
    }

    private void Next(double t)
    {
        if (!(_peak > 0))
        {
            return;
        }

        double horizon = System.Config.Horizon;
        while (true)
        {
            t += Arrivals.NextExponential(1 / _peak);
            if (t >= horizon)
            {
                return;
            }

            if (Arrivals.NextUnit() * _peak < RateAt(t))
            {
                ScheduleArrival(t);
                return;
            }
        }
    }
}
