using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>Poisson arrivals at a constant rate.</summary>
internal sealed class PoissonSource : TrafficSource
{
    private readonly double _mean;

    public PoissonSource(ServingSystem system, int index, PoissonTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        _mean = config.Rate > 0 ? 1 / config.Rate : double.PositiveInfinity;
    }

    internal override void Begin() => Schedule(NextTime());

    public override void Handle(in EventPayload payload)
    {
        // Drawn before this arrival is handled, scheduled after it, as before (see DailySource).
        double next = NextTime();
        Arrive();
        Schedule(next);
    }

    private double NextTime() => _mean < double.PositiveInfinity ? System.Sim.Now + Arrivals.NextExponential(_mean) : double.PositiveInfinity;

    private void Schedule(double next)
    {
        if (next < double.PositiveInfinity)
        {
            ScheduleArrival(next);
        }
    }
}
