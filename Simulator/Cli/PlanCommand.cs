using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim plan SCENARIO [--targets 50%,60%,70%] [--zone-loss] [--robust [SHARE] [--samples N]] [--out DIR]</c>:
/// the cheapest deployment (min units, max units, autoscaling target) whose SLOs hold with 95%
/// confidence; with <c>--robust</c> also at SHARE of a sample of the declared uncertainty, beside the
/// nominal plan (<see cref="RobustPlanner"/>). Exit 1 when no candidate does.
/// </summary>
public static class PlanCommand
{
    private static readonly Argument<string> Scenario = new("SCENARIO")
    {
        Description = "The scenario file: its SLOs, traffic and deployment (min/max units and the target are searched).",
    };

    private static readonly Option<string?> Out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder for plan.csv and plots/plan.png|svg (default: results/<scenario name>-plan).",
    };

    private static readonly Option<string?> Targets = new("--targets")
    {
        HelpName = "SHARES",
        Description = "Autoscaling targets to try, comma-separated (e.g. 50%,60%,70%); default: the scenario's.",
    };

    private static readonly Option<bool> ZoneLoss = new("--zone-loss")
    {
        Description = "Also require the SLOs with each zone lost in turn for 1h from the busiest hour (N+1 zone sizing).",
    };

    private static readonly Option<int> StartReplications = new("--min-replications")
    {
        HelpName = "N",
        Description = "Replications each candidate starts with.",
        DefaultValueFactory = _ => 5,
    };

    private static readonly Option<int> StepReplications = new("--add-replications")
    {
        HelpName = "N",
        Description = "Replications added while a verdict is too close to call (the 95% interval straddles the target).",
        DefaultValueFactory = _ => 5,
    };

    private static readonly Option<int> MaxReplications = new("--max-replications")
    {
        HelpName = "N",
        Description = "Most replications per candidate; still too close then counts as not met.",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<int?> UnitsLimit = new("--units-limit")
    {
        HelpName = "N",
        Description = "Most units considered (default: max(4 × naive, naive + 8)).",
    };

    private static readonly Option<string[]> Search = new("--search")
    {
        HelpName = "WHAT",
        Description = "Also search: start-lead (how long before each scheduled start the model must be started; in 5-minute steps up to the longest model_start + 30m).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Robust = new("--robust")
    {
        HelpName = "SHARE",
        Description = "Also plan robustly: a candidate must meet the SLOs (95% bounds) at SHARE (default 100%) of a Latin-hypercube sample of the scenario's uncertainty (uncertainty: section and preset ranges), on common random numbers. Shows the nominal and the robust plan side by side. Give it after the scenario.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<int> Samples = new("--samples")
    {
        HelpName = "N",
        Description = "Points of the uncertainty sample for --robust.",
        DefaultValueFactory = _ => RobustPlanner.DefaultSamples,
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the plan as one JSON object on stdout instead of text.",
    };


    /// <summary>The line that starts what <see cref="SearchLine"/> prints (<c>bench plan</c> reads it).</summary>
    internal const string SearchLinePrefix = "plan: search: ";

    /// <summary>
    /// How the search used its workers: replications run, those run ahead and how many the search
    /// then asked for, and the share of the workers' time spent on replications (and on ones never used).
    /// </summary>
    internal static string SearchLine(Planner planner, int workers, double wallS)
    {
        double capacity = workers * wallS;
        string kept = planner.PeakKeptStates > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; at most {planner.PeakKeptStates} base states kept for zone-loss cases")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{SearchLinePrefix}{planner.Replications} replications on {workers} workers in {wallS:0.0} s, {planner.RanAhead} run ahead ({planner.UsedAhead} used); "
            + $"workers busy {(capacity > 0 ? 100 * planner.BusySeconds / capacity : 0):0}%, {(capacity > 0 ? 100 * planner.UnusedSeconds / capacity : 0):0}% on replications not used; "
            + $"replications used: base cases {planner.BaseSeconds:0.0} s, zone-loss cases {planner.ZoneLossSeconds:0.0} s") + kept;
    }

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("plan", "Finds the cheapest deployment that meets the scenario's SLOs with 95% confidence, optionally with a zone lost.")
        {
            Scenario, Out, Targets, ZoneLoss, Robust, Samples, Search, StartReplications, StepReplications, MaxReplications, UnitsLimit,
            SweepCommand.Force, SweepCommand.Quiet, Json, SweepCommand.IKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(command, "Replications each candidate starts with (the same as --min-replications; more are added while a verdict is too close to call).");
        command.SetAction((parsed, ct) => Task.FromResult(Execute(parsed, simulation.Read(parsed), ct)));
        return command;
    }

    /// <summary>The fields every candidate sets: a <c>--set</c> of one of them would be silently replaced.</summary>
    internal static void RefuseSearchedSets(IReadOnlyList<string> sets, bool targetsGiven, bool scheduleBounds)
    {
        foreach (string set in sets)
        {
            int eq = set.IndexOf('=', StringComparison.Ordinal);
            string path = (eq < 0 ? set : set[..eq]).Trim();
            string? why = path switch
            {
                "deployment.min_units" or "deployment.max_units" =>
                    "plan searches min_units and max_units itself; bound the search with --units-limit, or run one deployment with 'lookoutsim run'",
                "autoscaling.target" when targetsGiven => "--targets lists the targets plan tries; give the target there",
                _ when scheduleBounds && path.StartsWith("schedule[", StringComparison.Ordinal) && (path.EndsWith(".min_units", StringComparison.Ordinal) || path.EndsWith(".max_units", StringComparison.Ordinal)) =>
                    "plan replaces the schedule's unit bounds with each candidate's (scaled)",
                _ => null,
            };
            if (why is not null)
            {
                throw new UsageException($"--set {DisplayText.Safe(set)}: every plan candidate sets {DisplayText.Safe(path)}, so this value would be ignored: {why}");
            }
        }
    }

    private static int Execute(ParseResult parsed, SimulationOverrides given, CancellationToken ct)
    {
        TextWriter stdout = parsed.InvocationConfiguration.Output, stderr = parsed.InvocationConfiguration.Error;
        string scenario = parsed.GetValue(Scenario)!;
        int workers = given.Workers;
        bool quiet = parsed.GetValue(SweepCommand.Quiet);
        int startReplications = parsed.GetValue(StartReplications);
        if (given.Replications is int reps)
        {
            OptionResult? min = parsed.GetResult(StartReplications);
            if (min is { Implicit: false } && startReplications != reps)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--replications {reps} and --min-replications {startReplications} disagree: both are the replications each candidate starts with; give one"));
            }

            startReplications = reps;
        }

        RefuseSearchedSets(given.SetValues, parsed.GetValue(Targets) is not null, scheduleBounds: true);
        SweepSetup setup = SweepCommand.Resolve(scenario, given.ToSweep(parsed.GetValue(SweepCommand.IKnow)) with { Replications = null });
        SweepCommand.WriteWarnings(setup, stderr);
        PlanInputs inputs = setup.Plan ?? throw new UsageException($"{scenario}: this scenario cannot be planned (no peak demand or rated TPS)");
        if (!inputs.Slo.Any)
        {
            throw new UsageException($"{scenario}: the scenario sets no SLO (slo: latency_p99, max_failed, availability): there is nothing to plan for");
        }

        string[] targets = (parsed.GetValue(Targets) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string t in targets)
        {
            string v = t.TrimEnd('%');
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || d <= 0 || d > (t.EndsWith('%') ? 100 : 1))
            {
                throw new UsageException($"--targets: '{t}' is not a share (write 60% or 0.6)");
            }
        }

        bool zoneLoss = parsed.GetValue(ZoneLoss);
        if (zoneLoss && inputs.Zones.Count < 2)
        {
            throw new UsageException($"--zone-loss needs at least two zones (the scenario has {inputs.Zones.Count.ToString(CultureInfo.InvariantCulture)})");
        }

        bool searchLead = false;
        foreach (string s in (parsed.GetValue(Search) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            searchLead |= s == "start-lead"
                ? true
                : throw new UsageException($"--search: '{s}' is not something plan can search; the choice is start-lead");
        }

        if (searchLead && !(inputs.StartLeadLimitS > 0))
        {
            throw new UsageException($"--search start-lead: {scenario} schedules no start (schedule: entries with action: start), so there is no start to move earlier");
        }

        const double leadStepS = 300;
        var leads = new List<double>();
        for (double l = 0; searchLead && l < inputs.StartLeadLimitS + leadStepS; l += leadStepS)
        {
            leads.Add(l);
        }

        (bool robust, double share, int samples) = RobustOptions(parsed, scenario, inputs);
        var request = new PlanRequest
        {
            StartLeads = leads,
            StartLeadLimitS = inputs.StartLeadLimitS,
            Base = inputs.Base,
            Slo = inputs.Slo,
            PeakTps = inputs.PeakTps,
            RatedTpsPerUnit = inputs.RatedTpsPerUnit,
            Targets = targets,
            ZoneLoss = zoneLoss,
            Zones = inputs.Zones,
            BusiestHourS = inputs.BusiestHourS,
            ZoneLossRecoveryS = inputs.ZoneLossRecoveryS,
            Schedule = inputs.Schedule,
            StartReplications = startReplications,
            StepReplications = parsed.GetValue(StepReplications),
            MaxReplications = parsed.GetValue(MaxReplications),
            UnitsLimit = parsed.GetValue(UnitsLimit),
            Parallel = workers,
            HorizonS = setup.Definition.HorizonS,
        };
        if (request.StartReplications < 2 || request.StepReplications < 1 || request.MaxReplications < request.StartReplications)
        {
            throw new UsageException("replications: need --min-replications ≥ 2, --add-replications ≥ 1 and --max-replications ≥ --min-replications");
        }

        if (setup.Work is { } work)
        {
            // Each candidate may run up to --max-replications; the search's candidates run one after another.
            WorkEstimate candidate = work with { Replications = request.MaxReplications, TotalRequests = work.RequestsPerReplication * request.MaxReplications };
            IReadOnlyList<string> over = candidate.Exceeded(parsed.GetValue(SweepCommand.IKnow));
            if (over.Count > 0)
            {
                throw new UsageException(string.Join(Environment.NewLine, [.. over, candidate.Describe() + " (one candidate)"]));
            }
        }

        string target = parsed.GetValue(Out) ?? Path.Combine("results", SafePath.Name(setup.Definition.Name + "-plan", parsed.GetValue(Scenario) ?? "scenario", 0, "name"));
        bool force = parsed.GetValue(SweepCommand.Force);
        if (!force && (Directory.Exists(target) || File.Exists(target)))
        {
            throw new UsageException($"{OutputFolder.Shown(target)} exists; pass --force to replace it");
        }

        OutputFolder.CheckTarget(target, force, setup.Inputs, ResultsFolder.Deepest); // before planning: nothing is run for a folder that cannot be written

        ProgressReporter progress = ProgressReporter.Create(stderr, quiet, "candidates");
        CultureInfo c = CultureInfo.InvariantCulture;
        var planner = new Planner(request, setup.Model, k => progress.Line(string.Create(c,
            $"plan: candidate {k.Number}: {k.Describe()}: {(k.Feasible ? "meets the SLOs" : "fails")}, cost {k.Cost.Mean:0.##} ({k.Replications} replications)")));
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        RobustPlanOutcome? robustOutcome = robust
            ? RobustPlanner.Run(request, setup.Model, inputs.Uncertainty, share, samples, unchecked((long)setup.Definition.Seed), (k, inRobust) => progress.Line(string.Create(c,
                $"plan ({(inRobust ? "robust" : "nominal")}): candidate {k.Number}: {k.Describe()}: {(k.Feasible ? "meets the SLOs" : "fails")}, cost {k.Cost.Mean:0.##} ({k.Replications} replications{(inRobust && k.RobustPoints.Count > 0 ? $", {k.RobustPoints.Count(p => p.Met)} of {k.RobustPoints.Count} uncertainty points checked hold" : "")})")), ct)
            : null;
        PlanOutcome outcome = robustOutcome?.Robust ?? planner.Run(ct);
        if (robustOutcome is null)
        {
            progress.Line(SearchLine(planner, workers, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
        AppliedPlan? applied = outcome.Answer is PlanCandidate answer && inputs.Apply is { } apply
            ? apply(Planner.PointOf(request.Base, answer.MinUnits, answer.MaxUnits, answer.Target, null, request.BusiestHourS, request.Schedule, answer.StartLeadS))
            : null;
        try
        {
            SweepPlanFolder.Write(outcome, target, force, setup.Inputs, new PlanPage(setup.Definition.Name, inputs.Currency, applied) { Uncertainty = inputs.Uncertainty, Robust = robustOutcome });
        }
        catch (SweepFolderExistsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        if (parsed.GetValue(Json))
        {
            Dictionary<string, object?> json = ToJson(outcome, setup.Definition.Name, inputs.Currency, target, applied);
            json["assumptions"] = inputs.Uncertainty.Fields.Select(f => new Dictionary<string, object?>
            {
                ["field"] = f.Path,
                ["nominal"] = f.Nominal,
                ["range"] = f.Declared,
                ["source"] = f.Source,
            }).ToList();
            json["robust"] = robustOutcome is null ? null : RobustJson(robustOutcome, inputs.Currency);
            stdout.WriteLine(JsonOutput.Serialize(json));
        }
        else
        {
            Print(stdout, outcome, setup.Definition.Name, inputs.Currency, target, applied);
            if (robustOutcome is not null)
            {
                PrintRobust(stdout, robustOutcome, inputs.Currency);
            }
            else if (!inputs.Uncertainty.IsEmpty)
            {
                stdout.WriteLine("assumes:    " + PlanAssumptions.Text(inputs.Uncertainty, robust: false) + " (plan --robust plans for the ranges)");
            }
        }

        return outcome.Answer is null ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static (bool Robust, double Share, int Samples) RobustOptions(ParseResult parsed, string scenario, PlanInputs inputs)
    {
        if (parsed.GetResult(Robust) is not { Implicit: false })
        {
            return (false, 1, 0);
        }

        double share = 1;
        string? text = parsed.GetValue(Robust);
        if (!string.IsNullOrEmpty(text) && (!Scenarios.ScenarioValues.TryParseShare(text, out share, out _) || share <= 0))
        {
            throw new UsageException($"--robust: '{text}' is not a share of the uncertainty sample; write e.g. 90% or 0.9 (default 100%), after the scenario file");
        }

        int samples = parsed.GetValue(Samples);
        if (samples is < 1 or > 1000)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--samples: {samples} is not between 1 and 1000"));
        }

        if (inputs.Uncertainty.IsEmpty)
        {
            throw new UsageException($"--robust: {scenario} declares no uncertainty (an uncertainty: section, or a provider preset's ranges): there is nothing to be robust against");
        }

        return (true, share, samples);
    }

    /// <summary>The robust plan beside the nominal one, as JSON.</summary>
    internal static Dictionary<string, object?> RobustJson(RobustPlanOutcome robust, string currency)
    {
        static object? Num(double v) => double.IsFinite(v) ? v : null;
        Dictionary<string, object?>? Answer(PlanOutcome o) => o.Answer is not { } a ? null : new()
        {
            ["min_units"] = a.MinUnits,
            ["max_units"] = a.MaxUnits,
            ["target"] = a.Target,
            ["start_lead_s"] = a.StartLeadS,
            ["cost"] = Num(a.Cost.Mean),
            ["cost_per_30_days"] = Num(o.Request.CostPer30Days(a.Cost.Mean)),
            ["cost_per_1000_images"] = a.CostPer1000Images is { } p ? Num(p.Mean) : null,
            ["uncertainty_points_met"] = a.RobustPoints.Count(p => p.Met),
            ["uncertainty_points_checked"] = a.RobustPoints.Count,
        };

        return new Dictionary<string, object?>
        {
            ["share"] = robust.Request.Share,
            ["samples"] = robust.Request.Points.Count,
            ["required"] = robust.Request.Required,
            ["points"] = robust.Request.Points.Select(p => new Dictionary<string, object?>
            {
                ["point"] = p.Index,
                ["values"] = p.Values.ToDictionary(v => v.Path, v => (object?)v.Value),
            }).ToList(),
            ["decided_by_the_plan"] = robust.Decided,
            ["nominal"] = Answer(robust.Nominal),
            ["robust"] = Answer(robust.Robust),
            ["currency"] = currency,
            ["extra_cost_per_30_days"] = Num(robust.ExtraPer30Days),
            ["extra_cost_per_1000_images"] = Num(robust.ExtraPer1000Images),
            ["forced_by"] = robust.Cause is null ? null : new Dictionary<string, object?>
            {
                ["field"] = robust.Cause.Field?.Path,
                ["end"] = robust.Cause.End,
                ["value"] = robust.Cause.Value,
                ["point"] = robust.Cause.Point?.Index,
                ["why"] = robust.Cause.Describe(),
                ["rule"] = robust.Cause.Rule,
            },
        };
    }

    /// <summary>The nominal and the robust plan side by side, the cost of robustness and the field that forced it.</summary>
    internal static void PrintRobust(TextWriter o, RobustPlanOutcome robust, string currency)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        RobustRequest rr = robust.Request;
        o.WriteLine(string.Create(c, $"robust:     a candidate must also meet the SLOs at {rr.ShareText} ({rr.Required} of {rr.Points.Count}) of a Latin-hypercube sample of the uncertainty, each point on the same random streams"));
        if (robust.Decided.Count > 0)
        {
            o.WriteLine($"            {string.Join(", ", robust.Decided)} is left nominal: the plan decides it (--targets)");
        }

        string Deployment(PlanOutcome p) => p.Answer?.Describe() ?? "none meets the SLOs";
        string Money(double v) => double.IsFinite(v) ? v.ToString("0.00", c) + " " + currency : "n/a";
        string Per30(PlanOutcome p) => p.Answer is { } a ? Money(p.Request.CostPer30Days(a.Cost.Mean)) : "n/a";
        string Per1000(PlanOutcome p) => p.Answer?.CostPer1000Images is { } m ? Money(m.Mean) : "n/a";
        var rows = new (string Label, string Nominal, string Robust)[]
        {
            ("deployment", Deployment(robust.Nominal), Deployment(robust.Robust)),
            ("cost per 30 days", Per30(robust.Nominal), Per30(robust.Robust)),
            ("cost per 1000 images", Per1000(robust.Nominal), Per1000(robust.Robust)),
            ("rests on", "the nominal values", string.Create(c, $"{rr.ShareText} of the ranges")),
        };
        int w1 = rows.Max(r => r.Label.Length), w2 = Math.Max("nominal plan".Length, rows.Max(r => r.Nominal.Length));
        o.WriteLine($"  {"".PadRight(w1)}  {"nominal plan".PadRight(w2)}  robust plan");
        foreach ((string label, string nominal, string robustText) in rows)
        {
            o.WriteLine($"  {label.PadRight(w1)}  {nominal.PadRight(w2)}  {robustText}");
        }

        if (robust.Nominal.Answer is not null && robust.Robust.Answer is not null)
        {
            o.WriteLine(robust.Differs
                ? string.Create(c, $"robustness costs {Signed(robust.ExtraPer30Days)} {currency} per 30 days, {Signed(robust.ExtraPer1000Images)} {currency} per 1000 images")
                : "robustness costs nothing: the nominal answer holds across the sample");
        }

        if (robust.Cause is { } cause)
        {
            o.WriteLine($"forced by:  {cause.Describe()}");
            o.WriteLine($"            (rule: {cause.Rule})");
        }

        o.WriteLine("assumes:    " + PlanAssumptions.Text(robust.Spec, robust: true));
    }

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The plan as a JSON-ready object: answer, runners-up, naive sizing and every candidate with its verdicts.</summary>
    internal static Dictionary<string, object?> ToJson(PlanOutcome outcome, string name, string currency, string folder, AppliedPlan? applied = null)
    {
        static object? Num(double v) => double.IsFinite(v) ? v : null;
        Dictionary<string, object?> Candidate(PlanCandidate k) => new()
        {
            ["candidate"] = k.Number,
            ["role"] = SweepPlanFolder.Role(outcome, k),
            ["min_units"] = k.MinUnits,
            ["max_units"] = k.MaxUnits,
            ["target"] = k.Target,
            ["start_lead_s"] = k.StartLeadS,
            ["replications"] = k.Replications,
            ["cost"] = new Dictionary<string, object?>
            {
                ["mean"] = Num(k.Cost.Mean),
                ["ci95_low"] = Num(k.Cost.Ci95Low),
                ["ci95_high"] = Num(k.Cost.Ci95High),
                ["per_day"] = Num(outcome.Request.CostPerDay(k.Cost.Mean)),
                ["per_30_days"] = Num(outcome.Request.CostPer30Days(k.Cost.Mean)),
            },
            ["feasible"] = k.Feasible,
            ["why"] = k.WorstFailure?.Describe(),
            ["checks"] = k.Checks.Select(c => new Dictionary<string, object?>
            {
                ["case"] = c.Case,
                ["slo"] = c.Slo,
                ["target"] = c.Target,
                ["measure"] = c.Summary.Name,
                ["bound"] = Num(c.Bound),
                ["mean"] = Num(c.Summary.Mean),
                ["status"] = c.Status switch { PlanStatus.Met => "met", PlanStatus.Failed => "failed", _ => "too_close" },
            }).ToList(),
        };

        return new Dictionary<string, object?>
        {
            ["plan"] = name,
            ["currency"] = currency,
            ["zone_loss"] = outcome.Request.ZoneLoss,
            ["zone_loss_window"] = outcome.Request.ZoneLoss
                ? new Dictionary<string, object?>
                {
                    ["from_s"] = outcome.Request.BusiestHourS,
                    ["outage_s"] = ScenarioCompiler.ZoneLossDurationS,
                    ["recovery_s"] = outcome.Request.ZoneLossRecoveryS,
                }
                : null,
            ["answer"] = outcome.Answer is null ? null : Candidate(outcome.Answer),
            ["runners_up"] = outcome.RunnersUp.Select(Candidate).ToList(),
            ["why_none"] = outcome.Why,
            ["naive_units"] = outcome.NaiveUnits,
            ["naive"] = Candidate(outcome.Naive),
            ["candidates"] = outcome.Candidates.Select(Candidate).ToList(),
            ["folder"] = folder,
            ["horizon_s"] = Num(outcome.Request.HorizonS),
            ["apply"] = applied is null ? null : new Dictionary<string, object?>
            {
                ["plan_yaml"] = applied.Yaml is null ? null : Path.Combine(folder, SweepPlanFolder.PlanYamlFile),
                ["why_no_plan_yaml"] = applied.Why,
                ["set"] = applied.Sets,
                ["command"] = applied.Command,
            },
        };
    }

    /// <summary>The deciding 95% bounds of a candidate's SLO measures, over the whole horizon or (<paramref name="zoneLoss"/>) the worst zone-loss window.</summary>
    private static string Bounds(PlanCandidate k, Metrics.SloTargets slo, bool zoneLoss)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        foreach ((_, string measure, _, _) in slo.Checks())
        {
            double b = SweepPlanFolder.Bound(k, measure, zoneLoss);
            parts.Add(measure switch
            {
                _ when double.IsNaN(b) => measure + " n/a",
                "latency_p99_s" => string.Create(c, $"p99 ≤ {b:0.###} s"),
                "failed_rate" => string.Create(c, $"failed ≤ {b * 100:0.####}%"),
                _ => string.Create(c, $"availability ≥ {b * 100:0.####}%"),
            });
        }

        return string.Join(", ", parts) + " (95% bounds)";
    }

    /// <summary>The plan in words: the answer, the runners-up, why cheaper candidates failed, and what the naive formula buys.</summary>
    internal static void Print(TextWriter o, PlanOutcome outcome, string name, string currency, string folder, AppliedPlan? applied = null)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        PlanRequest r = outcome.Request;
        string slos = string.Join(", ", r.Slo.Checks().Select(k =>
            k.Measure == Measure.LatencyP99S.Name ? string.Create(c, $"p99 latency ≤ {k.Target:0.###} s")
            : k.Measure == Measure.FailedRate.Name ? string.Create(c, $"failed ≤ {k.Target * 100:0.####}%")
            : string.Create(c, $"availability ≥ {k.Target * 100:0.####}%")));
        string robustly = r.Robust is { } rb ? string.Create(c, $", also at {rb.ShareText} of {rb.Points.Count} uncertainty points (robust plan; the nominal plan is beside it below)") : "";
        o.WriteLine($"plan {DisplayText.Safe(name)}: cheapest deployment with {slos} at 95% confidence{(r.ZoneLoss ? ", also with each zone (" + string.Join(", ", r.Zones.Select(z => DisplayText.Safe(z))) + ") lost for 1h at the busiest hour" : "")}{robustly}");
        if (r.ZoneLoss)
        {
            string from = Scenarios.ScenarioValues.FormatDuration(TimeSpan.FromSeconds(r.BusiestHourS));
            string recovery = Scenarios.ScenarioValues.FormatDuration(TimeSpan.FromSeconds(r.ZoneLossRecoveryS));
            o.WriteLine($"zone loss:  judged over the requests arriving from the loss (at {from}) to 1h + {recovery} after it (unit start + scale-in cooldown), not over the horizon");
        }

        if (r.Schedule.Count > 0)
        {
            o.WriteLine("schedule:   " + string.Join(", ", r.Schedule.Select(e => string.Create(c, $"schedule[{e.Index}]"))) + " set unit bounds; each candidate replaces them (scaled so the largest becomes the candidate's)");
        }

        string Cost(PlanCandidate k) => string.Create(c, $"{k.Cost.Mean:0.##} {currency} (95% CI {k.Cost.Ci95Low:0.##}–{k.Cost.Ci95High:0.##}, {k.Replications} replications)");

        if (outcome.Answer is PlanCandidate a)
        {
            o.WriteLine($"answer:     {a.Describe()}: cost {Cost(a)}");
            o.WriteLine($"            whole horizon: {Bounds(a, r.Slo, false)}");
            if (r.ZoneLoss)
            {
                o.WriteLine($"            zone lost (worst zone, loss + recovery): {Bounds(a, r.Slo, true)}");
            }
            o.WriteLine(string.Create(c, $"per day:    {r.CostPerDay(a.Cost.Mean):0.##} {currency} a day, {r.CostPer30Days(a.Cost.Mean):0.##} {currency} per 30 days (the cost over {DisplayText.Duration(r.HorizonS)} spread evenly)"));
            if (a.StartLeadS > 0)
            {
                o.WriteLine($"start lead: start the model {Scenarios.ScenarioValues.FormatDuration(TimeSpan.FromSeconds(a.StartLeadS))} before each scheduled start (move each start entry's cron or at that much earlier)");
            }
        }
        else
        {
            o.WriteLine(string.Create(c, $"answer:     none: no candidate up to {outcome.Candidates.Max(k => k.MaxUnits)} units meets the SLOs with confidence"));
            if (outcome.Why is string why)
            {
                o.WriteLine($"why:        {why}");
            }
        }

        if (outcome.RunnersUp.Count > 0)
        {
            o.WriteLine("runners-up:");
            foreach (PlanCandidate k in outcome.RunnersUp)
            {
                string more = outcome.Answer is null ? "" : string.Create(c, $" (+{(k.Cost.Mean / outcome.Answer.Cost.Mean - 1) * 100:0.#}%)");
                o.WriteLine($"  {k.Describe()}: cost {Cost(k)}{more}");
            }
        }

        if (outcome.CheaperFailures.Count > 0)
        {
            o.WriteLine(outcome.Answer is null ? "why each candidate failed:" : "cheaper candidates and why they fail:");
            const int shown = 8;
            foreach (PlanCandidate k in outcome.CheaperFailures.Take(shown))
            {
                o.WriteLine(string.Create(c, $"  {k.Describe()}: cost {k.Cost.Mean:0.##}: {k.WorstFailure?.Describe() ?? "?"}"));
            }

            if (outcome.CheaperFailures.Count > shown)
            {
                o.WriteLine(string.Create(c, $"  … and {outcome.CheaperFailures.Count - shown} cheaper ones (every candidate is in plan.csv)"));
            }
        }

        PlanCandidate n = outcome.Naive;
        string verdict = n.Feasible ? "meets the SLOs" : "fails: " + (n.WorstFailure?.Describe() ?? "?");
        string compared = outcome.Answer is null || ReferenceEquals(n, outcome.Answer) ? ""
            : string.Create(c, $"; the answer costs {(outcome.Answer.Cost.Mean / n.Cost.Mean - 1) * 100:+0.#;-0.#}% against it");
        o.WriteLine(string.Create(c, $"naive:      ceil({r.PeakTps:0.###} calls/s ÷ {r.RatedTpsPerUnit:0.###} calls/s per unit) = {outcome.NaiveUnits} units fixed: cost {n.Cost.Mean:0.##} {currency}, {verdict}{compared}"));
        if (applied is not null)
        {
            o.WriteLine($"apply:      {DisplayText.Safe(applied.Command, int.MaxValue)}");
        }

        string yaml = applied?.Yaml is null ? "" : Path.Combine(folder, SweepPlanFolder.PlanYamlFile) + ", ";
        o.WriteLine(string.Create(c, $"evaluated {outcome.Candidates.Count} candidates; wrote {yaml}{Path.Combine(folder, "plan.csv")}, {Path.Combine(folder, SweepPlanFolder.PageFile)} and {Path.Combine(folder, "plots", "plan.png")}"));
        if (outcome.Answer is null)
        {
            o.WriteLine("no plan.yaml: no candidate meets the SLOs, so there is no deployment to fill in");
        }
        else if (applied is null)
        {
            o.WriteLine("no plan.yaml: this plan was not made from a scenario file");
        }
        else if (applied.Why is string why)
        {
            o.WriteLine($"no plan.yaml: {DisplayText.SafeMessage(why)}");
        }
    }
}
