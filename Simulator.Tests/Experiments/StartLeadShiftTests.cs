using LookoutSim.Experiments;
using LookoutSim.Model;
using LookoutSim.Scenarios;
using ScheduleAction = LookoutSim.Model.ScheduleAction;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// A start lead written into the schedule (what <c>plan.yaml</c> carries): the shifted entries must
/// fire where the planner's lead made them fire.
/// </summary>
public sealed class StartLeadShiftTests
{
    [TestCase("30 5 * * MON-FRI", 1800, "0 5 * * MON-FRI")]
    [TestCase("0 6 * * *", 5400, "30 4 * * *")]
    [TestCase("10 0 * * MON-FRI", 1800, "40 23 * * SUN,MON,TUE,WED,THU")]
    [TestCase("0 0 * * SUN,6", 300, "55 23 * * FRI,SAT")]
    [TestCase("0 0 * * *", 600, "50 23 * * *")]
    public void ShiftCron_MinuteAndHourNumbers_MovesTheWallClockTimeEarlier(string cron, double leadS, string expected)
    {
        // Given a cron expression and a lead / When shifted / Then (by hand: 05:30 − 30 min = 05:00; 00:10 − 30 min = 23:40 the day before)
        Assert.That(StartLeadShift.ShiftCron(cron, leadS, out string? why), Is.EqualTo(expected), why);
    }

    [TestCase("*/15 6 * * *", 600)]
    [TestCase("0 6,18 * * *", 600)]
    [TestCase("0 0 1 * *", 600)]
    [TestCase("0 0 * * MON#2", 600)]
    [TestCase("0 6 * * *", 90)]
    public void ShiftCron_WhatCannotBeMoved_ReturnsNullWithAReason(string cron, double leadS)
    {
        // Given / When / Then
        Assert.That(StartLeadShift.ShiftCron(cron, leadS, out string? why), Is.Null);
        Assert.That(why, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void Sets_ShiftedSchedule_FiresWhereThePlannersLeadFires()
    {
        // Given weekday starts at 00:10 (crossing midnight when moved) and 12:00, an 'at' start and a stop, over 13 days from a Monday (the last shifted 23:40 start would be Sunday's, after the horizon)
        const string Yaml = """
            name: lead
            start: 2024-01-01T00:00:00Z
            horizon: 13d
            service: { base: 100ms, per_megapixel: 0ms, per_megabyte: 0ms, distribution: deterministic }
            images:
              - { width: 100, height: 100, size: 0.01MB }
            traffic:
              - { name: line, pattern: poisson, rate: 1/s }
            deployment:
              zones: [z1]
              min_units: 1
            schedule:
              - { cron: "10 0 * * MON-FRI", action: start }
              - { cron: "0 12 * * MON-FRI", action: start }
              - { at: 3d, action: start }
              - { cron: "0 20 * * MON-FRI", action: stop }
            """;
        ScenarioLoadResult loaded = ScenarioLoader.LoadText(Yaml, "lead.yaml");
        Assert.That(loaded.IsValid, Is.True, string.Join('\n', loaded.Diagnostics));
        const double Lead = 1800;

        // When the lead is written into the schedule
        IReadOnlyList<KeyValuePair<string, string>>? sets = StartLeadShift.Sets(loaded.Scenario!, Lead, out string? problem);
        Assert.That(sets, Is.Not.Null, problem);
        ScenarioLoadResult shifted = ScenarioLoader.LoadText(Yaml, "lead.yaml", null, [.. sets!.Select(s => s.Key + "=" + s.Value)]);
        Assert.That(shifted.IsValid, Is.True, string.Join('\n', shifted.Diagnostics));

        // Then: compiled without a lead, it fires where the original fires with the lead (the first start, at 00:10 on the
        // first Monday, would move before the scenario start: the planner fires it at 0, the shifted cron not at all)
        static (double, ScheduleAction)[] Times(ModelConfig c) => [.. c.Schedule.Select(e => (e.At, e.Action))];
        (double, ScheduleAction)[] planned = Times(ScenarioCompiler.Compile(loaded.Scenario!, LookoutSim.Output.TraceFiles.Instance, startLeadS: Lead));
        (double, ScheduleAction)[] written = Times(ScenarioCompiler.Compile(shifted.Scenario!, LookoutSim.Output.TraceFiles.Instance));
        Assert.That(planned[0], Is.EqualTo((0.0, ScheduleAction.Start)));
        Assert.That(written, Is.EqualTo(planned.Skip(1).ToArray()));
        Assert.That(sets!.Select(s => s.Key), Is.EqualTo(new[] { "schedule[0].cron", "schedule[1].cron", "schedule[2].at" }));
    }
}
