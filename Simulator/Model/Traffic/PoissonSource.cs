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

    internal override void Begin() => Next();

    public override void Handle(in EventPayload payload)
    {
        Arrive();
        Next();
    }

    private void Next()
    {
        if (_mean < double.PositiveInfinity)
        {
            ScheduleArrival(System.Sim.Now + Arrivals.NextExponential(_mean));
        }
    }
}
