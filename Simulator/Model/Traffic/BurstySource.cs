using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// A two-state Markov-modulated Poisson process. It starts in the normal state; the state's
/// exponential sojourns come from <c>traffic-state:NAME</c>, the arrivals from <c>traffic:NAME</c>.
/// </summary>
internal sealed class BurstySource : TrafficSource
{
    private readonly double[] _rates;
    private readonly double[] _sojourn;
    private readonly RandomStream _state;
    private int _current;
    private double _stateEnd;

    public BurstySource(ServingSystem system, int index, BurstyTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        _rates = [config.NormalRate, config.BurstRate];
        _sojourn = [config.MeanNormal, config.MeanBurst];
        _state = system.Streams.Get("traffic-state:" + config.Name);
    }

    /// <summary>Whether the source is in its burst state now.</summary>
    public bool InBurst => _current == 1;

    internal override void Begin()
    {
        _current = 0;
        _stateEnd = System.Sim.Now + _state.NextExponential(_sojourn[0]);
        Schedule(NextTime(System.Sim.Now));
    }

    public override void Handle(in EventPayload payload)
    {
        // Drawn before this arrival is handled, scheduled after it, as before (see DailySource).
        double next = NextTime(System.Sim.Now);
        Arrive();
        Schedule(next);
    }

    // The next arrival after t, moving through state changes; +∞ when none is before the horizon.
    private double NextTime(double t)
    {
        double horizon = System.Config.Horizon;
        while (t < horizon)
        {
            double rate = _rates[_current];
            double next = rate > 0 ? t + Arrivals.NextExponential(1 / rate) : double.PositiveInfinity;
            if (next < _stateEnd)
            {
                return next;
            }

            t = _stateEnd;
            _current = 1 - _current;
            _stateEnd = t + _state.NextExponential(_sojourn[_current]);
        }

        return double.PositiveInfinity;
    }

    private void Schedule(double next)
    {
        if (next < double.PositiveInfinity)
        {
            ScheduleArrival(next);
        }
    }
}
