using System.Globalization;
using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Experiments;
using LookoutSim.Model;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// <c>plan</c> with a schedule: entries that set unit bounds follow each candidate, an override
/// that a schedule entry replaces is warned about, and <c>--search start-lead</c> finds how early
/// a scheduled start must fire.
/// </summary>
public sealed class PlanScheduleTests
{
    /// <summary>
    /// 20 calls/s of deterministic 100 ms calls, one at a time per unit: an offered load of two
    /// units, which three carry (see <see cref="ScenarioSweepTests"/>). SCHEDULE and TRAFFIC are
    /// filled in per test.
    /// </summary>
    private const string Scenario = """
        name: plan-schedule
        seed: 7
        horizon: HORIZON
        warmup: 0s
        replications: 3
        service:
          base: 100ms
          per_megapixel: 0ms
          per_megabyte: 0ms
          distribution: deterministic
        images:
          - { width: 100, height: 100, size: 0.01MB }
        traffic:
        TRAFFIC
        deployment:
          zones: [z1]
          min_units: 1
          queue_per_unit: 8
          model_start: 10m
        billing:
          price_per_unit_hour: 4
        slo:
          latency_p99: 600ms
          max_failed: 0.1%
        schedule:
        SCHEDULE
        """;

    private const string Poisson = "  - { name: line, pattern: poisson, rate: 20/s }";

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Write(string name, string horizon, string traffic, string schedule)
    {
        string dir = SweepTestSupport.TempFolder(name);
        string file = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(file, Scenario
            .Replace("HORIZON", horizon, StringComparison.Ordinal)
            .Replace("TRAFFIC", traffic, StringComparison.Ordinal)
            .Replace("SCHEDULE", schedule, StringComparison.Ordinal));
        return file;
    }

    private static string[] PlanArgs(string file, params string[] extra) =>
        ["plan", file, "--json", "--quiet", "--parallel", "2", "--min-replications", "3", "--max-replications", "6", "--units-limit", "6",
         "--out", Path.Combine(Path.GetDirectoryName(file)!, "out-" + Guid.NewGuid().ToString("N")[..6]), .. extra];

    [Test]
    public void Scale_OneShiftSize_GetsTheCandidateAndASmallerShiftKeepsItsProportion()
    {
        // Given a day shift of 2..8 units (entry 0) and a night shift of 1..2 (entry 2)
        ScheduleBounds[] entries = [new(0, 2, 8), new(2, 1, 2), new(3, null, 4)];

        // When the candidate is min 4, max 12
        var set = ScheduleBounds.Scale(entries, 4, 12).ToDictionary(p => p.Key, p => p.Value);

        // Then: the largest entry takes the candidate; the others scale and round up (4·1/2 = 2, 12·2/8 = 3, 12·4/8 = 6)
        Assert.That(set, Is.EqualTo(new Dictionary<string, string>
        {
            ["schedule[0].min_units"] = "4",
            ["schedule[0].max_units"] = "12",
            ["schedule[2].min_units"] = "2",
            ["schedule[2].max_units"] = "3",
            ["schedule[3].max_units"] = "6",
        }));
    }

    [Test]
    public void Scale_NeverGivesAMaxBelowTheMin()
    {
        // Given an entry whose max is small next to another's, and a candidate with min = max
        ScheduleBounds[] entries = [new(0, 1, 10), new(1, 1, 1)];

        // When
        var set = ScheduleBounds.Scale(entries, 3, 3).ToDictionary(p => p.Key, p => int.Parse(p.Value, CultureInfo.InvariantCulture));

        // Then
        Assert.That(set["schedule[1].max_units"], Is.GreaterThanOrEqualTo(set["schedule[1].min_units"]));
        Assert.That(set["schedule[0].max_units"], Is.EqualTo(3));
    }

    [Test]
    public void Plan_ScheduleEntrySettingOneUnit_NoLongerPinsEveryCandidate()
    {
        // Given: the model is started at 0 by a schedule entry that sets min = max = 1, which would
        // replace every candidate's bounds; the load needs three units
        // (the 10 minutes of hosting are left out by a warm-up)
        string file = Write("pinned", "1h", Poisson, "  - { at: 0s, action: start, min_units: 1, max_units: 1 }");
        File.WriteAllText(file, File.ReadAllText(file).Replace("warmup: 0s", "warmup: 15m", StringComparison.Ordinal));

        // When
        var (code, stdout, err) = Run(PlanArgs(file));

        // Then: a deployment is found, and it is the one the load needs
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
        JsonElement plan = JsonDocument.Parse(stdout).RootElement;
        Assert.That(plan.GetProperty("answer").GetProperty("max_units").GetInt32(), Is.EqualTo(3));
        double[] costs = [.. plan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("cost").GetProperty("mean").GetDouble())];
        Assert.That(costs.Distinct().Count(), Is.EqualTo(costs.Length), "candidates of different sizes cost the same: the schedule pinned them");
    }

    [Test]
    public void Validate_SetOnABoundAScheduleEntryReplaces_WarnsWithTheEntrysLine()
    {
        // Given: the shipped weekday-shifts sample, whose start entry sets min_units and max_units
        string sample = Path.Combine(Architecture.LayeringTests.RepositoryRoot(), "samples", "weekday-shifts.yaml");
        int line = Array.FindIndex(File.ReadAllLines(sample), l => l.Contains("action: start", StringComparison.Ordinal)) + 1;

        // When
        var (code, _, err) = Run("validate", sample, "--set", "deployment.min_units=3", "--set", "deployment.max_units=9");

        // Then: valid, with one warning per bound naming the entry and its line
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(err, Does.Contain("warning: deployment.min_units (3, from --set) is replaced by schedule[0].min_units"));
        Assert.That(err, Does.Contain("warning: deployment.max_units (9, from --set) is replaced by schedule[0].max_units"));
        Assert.That(err, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"weekday-shifts.yaml:{line}:")));
    }

    [Test]
    public void Validate_SetOnABoundAndOnTheEntrysBound_DoesNotWarn()
    {
        // Given: the weekday-shifts sample with both the deployment's and the start entry's bounds set, as the command plan prints does
        string sample = Path.Combine(Architecture.LayeringTests.RepositoryRoot(), "samples", "weekday-shifts.yaml");

        // When
        var (code, _, err) = Run("validate", sample, "--set", "deployment.min_units=3", "--set", "schedule[0].min_units=3", "--set", "deployment.max_units=9");

        // Then: no warning for min_units (both chosen together); max_units is still replaced by the entry's 8
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(err, Does.Not.Contain("warning: deployment.min_units"));
        Assert.That(err, Does.Contain("warning: deployment.max_units (9, from --set) is replaced by schedule[0].max_units"));
    }

    [Test]
    public void Validate_SetOnABoundNoEntrySets_DoesNotWarn()
    {
        // Given a schedule whose entries set no bounds
        string file = Write("free", "1h", Poisson, "  - { at: 0s, action: start }");

        // When
        var (code, _, err) = Run("validate", file, "--set", "deployment.min_units=3");

        // Then (the start at 0s with traffic at once is warned about on its own: the model takes model_start to host)
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(err, Does.Not.Contain("warning: deployment."));
    }

    [Test]
    public void Compile_StartLead_MovesStartsEarlierNotBeforeZeroAndLeavesStops()
    {
        // Given starts at 5m and 1h, a stop at 2h
        string file = Write("lead", "3h", Poisson, """
              - { at: 5m, action: start }
              - { at: 1h, action: start, min_units: 2 }
              - { at: 2h, action: stop }
            """);
        Scenario scenario = ScenarioLoader.LoadFile(file).Scenario!;

        // When the starts lead by 10 minutes
        ModelConfig config = ScenarioCompiler.Compile(scenario, TraceFiles.Instance, startLeadS: 600);

        // Then
        Assert.That(config.Schedule.Select(e => (e.At, e.Action)), Is.EqualTo(new[]
        {
            (0.0, LookoutSim.Model.ScheduleAction.Start),
            (3000.0, LookoutSim.Model.ScheduleAction.Start),
            (7200.0, LookoutSim.Model.ScheduleAction.Stop),
        }));
    }

    private const string LateSteps = """
          - name: line
            pattern: steps
            steps: [{ at: 0h, rate: 0.001/s }, { at: 1h, rate: 20/s }]
        """;

    [Test]
    public void Plan_CallsArriveWhileTheModelIsBeingHosted_SaysUnitsDoNotHelp()
    {
        // Given: traffic from 1h, the model started by the schedule at 1h and hosted 10 minutes later
        string file = Write("late", "2h", LateSteps, "  - { at: 1h, action: start }");

        // When
        var (code, stdout, err) = Run(PlanArgs(file));

        // Then: no plan, and the reason is that more units did not help, with the way out
        Assert.That(code, Is.EqualTo(ExitCodes.CheckFailed), err + stdout);
        string why = JsonDocument.Parse(stdout).RootElement.GetProperty("why_none").GetString()!;
        Assert.That(why, Does.Contain("more units do not help"));
        Assert.That(why, Does.Contain("--search start-lead"));
    }

    [Test]
    public void Plan_SearchStartLead_StartsTheModelAModelStartEarly()
    {
        // Given the same late start
        string file = Write("late-lead", "2h", LateSteps, "  - { at: 1h, action: start }");

        // When the lead is searched too (5-minute steps)
        var (code, stdout, err) = Run(PlanArgs(file, "--search", "start-lead"));

        // Then: the model must be started the 10 minutes it takes to host it before the traffic, and no more
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + stdout);
        JsonElement answer = JsonDocument.Parse(stdout).RootElement.GetProperty("answer");
        Assert.That(answer.GetProperty("start_lead_s").GetDouble(), Is.EqualTo(600));
        Assert.That(answer.GetProperty("max_units").GetInt32(), Is.EqualTo(3));

        // And plan.yaml carries the lead in the start entry itself (1h − 10m), with the schedule's bounds
        string yaml = Path.Combine(JsonDocument.Parse(stdout).RootElement.GetProperty("folder").GetString()!, "plan.yaml");
        Scenario planned = ScenarioLoader.LoadFile(yaml).Scenario!;
        Assert.That(planned.Schedule[0].At, Is.EqualTo(TimeSpan.FromMinutes(50)));
        Assert.That(File.ReadAllText(yaml), Does.Contain("at: 50m  # from: plan"));
    }

    [Test]
    public void Plan_SearchStartLeadWithoutAScheduledStart_IsAUsageError()
    {
        // Given a scenario without a schedule
        string file = Write("nostart", "1h", Poisson, "  []");

        // When
        var (code, _, err) = Run(PlanArgs(file, "--search", "start-lead"));

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
        Assert.That(err, Does.Contain("schedules no start"));
    }
}
