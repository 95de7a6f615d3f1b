using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// Piecewise-constant Poisson rates, optionally repeating. Exact: by memorylessness, a draw that
/// passes the end of the current step restarts at the step boundary with the next rate.
/// </summary>
internal sealed class StepsSource : TrafficSource
{
    private readonly RateStep[] _steps;
    private readonly double? _repeat;

    public StepsSource(ServingSystem system, int index, StepsTraffic config, ImageMix mix, Client client)
        : base(system, index, config, mix, client)
    {
        _steps = [.. config.Steps];
        if (_steps.Length == 0)
        {
            throw new ArgumentException($"steps source '{config.Name}' has no steps", nameof(config));
        }

        _repeat = config.Repeat;
        if (_repeat is double r && !(r > _steps[^1].At))
        {
            throw new ArgumentException($"steps source '{config.Name}': repeat must be longer than the last step's offset", nameof(config));
        }
    }

    internal override void Begin() => Next(System.Sim.Now);

    public override void Handle(in EventPayload payload)
    {
        Arrive();
        Next(System.Sim.Now);
    }

    /// <summary>The rate at <paramref name="t"/> and the time the step containing it ends.</summary>
    internal (double Rate, double End) StepAt(double t)
    {
        double periodStart = 0;
        double local = t;
        if (_repeat is double period)
        {
            periodStart = Math.Floor(t / period) * period;
            local = t - periodStart;
        }

        int i = _steps.Length - 1;
        while (i > 0 && _steps[i].At > local)
        {
            i--;
        }

        double end = i + 1 < _steps.Length
            ? periodStart + _steps[i + 1].At
            : _repeat is double p ? periodStart + p + _steps[0].At : double.PositiveInfinity;
        double rate = local < _steps[0].At ? 0 : _steps[i].Rate;
        if (local < _steps[0].At)
        {
            end = periodStart + _steps[0].At;
        }

        return (rate, end);
    }

    private void Next(double t)
    {
        double horizon = System.Config.Horizon;
        while (t < horizon)
        {
            (double rate, double end) = StepAt(t);
            double next = rate > 0 ? t + Arrivals.NextExponential(1 / rate) : double.PositiveInfinity;
            if (next < end)
            {
                ScheduleArrival(next);
                return;
            }

            t = end;
        }
    }
}
