using LookoutSim.Cli;
using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// The plan request the plan-equivalence tests build from a sample's <see cref="PlanInputs"/>: 3
/// replications to start (an odd number, so two workers have an idle turn), 2 more while a verdict
/// is too close to call, at most 7.
/// </summary>
internal static class SamplePlanRequests
{
    public static PlanRequest From(PlanInputs inputs, bool zoneLoss, int parallel, bool shortcuts, bool forkZoneLoss = true) => new()
    {
        Base = inputs.Base,
        Slo = inputs.Slo,
        PeakTps = inputs.PeakTps,
        RatedTpsPerUnit = inputs.RatedTpsPerUnit,
        Zones = inputs.Zones,
        ZoneLoss = zoneLoss,
        BusiestHourS = inputs.BusiestHourS,
        Schedule = inputs.Schedule,
        StartLeadLimitS = inputs.StartLeadLimitS,
        StartReplications = 3,
        StepReplications = 2,
        MaxReplications = 7,
        Parallel = parallel,
        Shortcuts = shortcuts,
        ForkZoneLoss = forkZoneLoss,
    };
}
