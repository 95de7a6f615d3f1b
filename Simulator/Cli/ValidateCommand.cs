using System.CommandLine;
using LookoutSim.Experiments;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim validate SCENARIO... [--set path=value]...</c>: checks files, runs nothing, writes nothing.</summary>
public static class ValidateCommand
{
    /// <summary>Scenario files to check.</summary>
    private static readonly Argument<string[]> Files = new("SCENARIO")
    {
        Description = "Scenario files (YAML or JSON).",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var set = SetOption.Create();
        var iKnow = IKnowOption.Create();
        var command = new Command("validate", "Checks scenario files and the trace files they replay, prints every problem and the work a run would do; runs nothing.") { Files, set, iKnow };
        command.SetAction(parse => Validate(
            parse.GetValue(Files) ?? [],
            parse.GetValue(set) ?? [],
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            parse.GetValue(iKnow)));
        return command;
    }

    /// <summary>
    /// Loads every file, reads every trace file it replays, and estimates the work a run would do;
    /// prints each diagnostic to <paramref name="stderr"/> and, per valid file, one line and the
    /// work estimate to <paramref name="stdout"/>. Work over a limit (<see cref="WorkLimits"/>; soft
    /// ones lifted by <paramref name="iKnow"/>) is an error. Returns 0 when every file is valid, 2 otherwise.
    /// </summary>
    public static int Validate(IReadOnlyList<string> files, IReadOnlyList<string> overrides, TextWriter stdout, TextWriter stderr, bool iKnow = false)
    {
        bool allValid = true;
        foreach (string file in files)
        {
            ScenarioLoadResult result = ScenarioLoader.LoadFile(file, overrides);
            foreach (Diagnostic d in result.Diagnostics)
            {
                stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
            }

            if (result.Scenario is { } scenario)
            {
                allValid &= Check(file, result, scenario, iKnow, stdout, stderr);
            }
            else
            {
                allValid = false;
            }
        }

        return allValid ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <summary>The checks after loading: the sweep's size (before building it), its points, the traces, the work.</summary>
    private static bool Check(string file, ScenarioLoadResult result, Scenario scenario, bool iKnow, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> tooMany = WorkEstimator.ForPointCount(scenario).Exceeded(iKnow);
        if (tooMany.Count > 0)
        {
            foreach (string m in tooMany)
            {
                stderr.WriteLine($"{file}: error: {m}");
            }

            return false;
        }

        IReadOnlyList<Scenarios.ExpandedPoint> points = SweepExpander.Expand(result, out IReadOnlyList<Diagnostic> sweepProblems);
        bool valid = sweepProblems.Count == 0;
        foreach (Diagnostic d in sweepProblems)
        {
            stderr.WriteLine(d.ToString());
        }

        WorkEstimate work = WorkEstimator.Estimate([.. points.Select(p => p.Scenario)], TraceFiles.Instance, iKnow, out IReadOnlyList<Diagnostic> traceProblems);
        foreach (Diagnostic d in traceProblems)
        {
            stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
            valid &= d.Severity != DiagnosticSeverity.Error;
        }

        foreach (string m in work.Exceeded(iKnow))
        {
            stderr.WriteLine($"{file}: error: {m}");
            valid = false;
        }

        if (valid)
        {
            string sweep = scenario.Sweep is null ? string.Empty : $", {points.Count} sweep points";
            stdout.WriteLine($"{DisplayText.Safe(file, 500)}: ok ({DisplayText.Safe(scenario.Name)}{sweep})");
        }

        stdout.WriteLine($"{file}: {work.Describe()}");
        return valid;
    }
}
