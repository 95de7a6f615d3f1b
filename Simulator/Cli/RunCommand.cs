using System.CommandLine;
using System.Diagnostics;
using System.CommandLine.Parsing;
using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim run [SCENARIO]</c>: runs every replication, writes the results folder, prints a
/// summary table. With no file it runs the built-in example and writes <c>results/example/</c>.
/// </summary>
public static class RunCommand
{
    private static readonly Argument<string?> ScenarioFile = new("SCENARIO")
    {
        Description = "Scenario file (YAML or JSON); the built-in example when omitted.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> Out = new("--out") { HelpName = "DIR", Description = "Results folder (default results/<scenario name>)." };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace an existing results folder." };

    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress on stderr." };

    private static readonly Option<bool> Json = new("--json") { Description = "Print summary.json on stdout instead of the table." };

    private static readonly Option<bool> CheckSlo = new("--check-slo") { Description = "Exit 1 when an SLO is not met." };

    private static readonly Option<string?> TraceRequests = new("--trace-requests")
    {
        HelpName = "SHARE",
        Description = "Write requests.csv with a sample of requests: a share such as 1% or 0.05 (default 1% when given without a value).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<bool> Timings = new("--timings")
    {
        Description = "Print on stderr where the command's wall time went: start-up, loading, simulation, data files, charts, report.",
    };

    /// <summary>How long into the simulation the rehearsal starts (none when the simulation ends first).</summary>
    private static readonly TimeSpan RehearsalDelay = TimeSpan.FromSeconds(1);

    /// <summary>Allocations set aside for the simulation and the rehearsal beside it, bytes.</summary>
    private const long RehearsalRoom = 64L << 20;

    /// <summary>Allocations set aside for writing the folder of a run that had a spare core, bytes.</summary>
    private const long WriteRoom = 96L << 20;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        Option<bool> iKnow = IKnowOption.Create();
        var command = new Command("run", "Runs every replication of a scenario, writes the results folder and prints a summary.")
        {
            ScenarioFile, Out, Force, Quiet, Json, CheckSlo, TraceRequests, Timings, iKnow,
        };
        SimulationOptions simulation = SimulationOptions.AddTo(command);
        command.SetAction((parsed, ct) => Task.FromResult(Execute(parsed, simulation.Read(parsed), iKnow, ct)));
        return command;
    }

    private static int Execute(ParseResult parsed, SimulationOverrides given, Option<bool> iKnow, CancellationToken ct)
    {
        TextWriter stdout = parsed.InvocationConfiguration.Output;
        TextWriter stderr = parsed.InvocationConfiguration.Error;
        bool quiet = parsed.GetValue(Quiet);
        long entered = Stopwatch.GetTimestamp();
        DateTime enteredUtc = DateTime.UtcNow; // the start-up is worked out from it after the run (reading the process's start costs time)

        IReadOnlyList<string> overrides = given.Sets;
        double sample = SampleFraction(parsed);
        string? file = parsed.GetValue(ScenarioFile);
        ScenarioLoadResult loaded = file is null
            ? BuiltInScenarios.Load(BuiltInScenarios.Names[0], overrides)!
            : ScenarioLoader.LoadFile(file, overrides);
        foreach (Diagnostic d in loaded.Diagnostics)
        {
            stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
        }

        if (!loaded.IsValid)
        {
            return ExitCodes.BadInput;
        }

        Scenario scenario = loaded.Scenario!;
        WorkCheck.Enforce([scenario], parsed.GetValue(iKnow), stderr);
        string outDir = parsed.GetValue(Out) ?? Path.Combine("results", SafePath.Name(scenario.Name, file ?? "scenario", 0, "name"));
        bool force = parsed.GetValue(Force);
        IReadOnlyList<string> inputs = ScenarioSweep.ReadFiles(file, scenario);
        ResultsFolder.CheckTarget(outDir, force, inputs);

        int parallel = given.Workers;
        // Ctrl+C, SIGTERM and SIGHUP cancel ct (CommandLine.Run, one place for every verb).
        if (!quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"running {DisplayText.Safe(scenario.Name)}: {scenario.Replications} replications × {scenario.Horizon}, {parallel} at once"));
        }

        ProgressReporter progress = ProgressReporter.Create(stderr, quiet, "replications");

        // A core the replications leave idle compiles the code that writes the results folder while
        // they run (ResultsFolder.WarmUp), so that the folder written afterwards does not wait for the
        // JIT; it stops when the simulation ends, so that it never competes with the real folder.
        // Its allocations (about 26 MB) are set aside up front, so that no collection it causes
        // pauses the simulation thread; the same for writing the folder after it (about 50 MB for
        // a week). Only then: a run without a spare core may hold far larger results.
        using var simulationDone = new CancellationTokenSource();
        bool spare = scenario.Replications < Math.Min(parallel, Environment.ProcessorCount);
        IDisposable? quietHeap = null;
        if (spare)
        {
            quietHeap = NoCollection.Begin(RehearsalRoom);
            CancellationToken done = simulationDone.Token;
            SpareCore.Start("results warm-up", () =>
            {
                // Not at once: compiling the rehearsal's code in the simulation's first moments
                // delays the optimised compilation of the simulation's own code (the runtime waits
                // for a pause in new compilations), which made the simulation slower.
                if (!done.WaitHandle.WaitOne(RehearsalDelay))
                {
                    ResultsFolder.WarmUp(done);
                }
            });
        }

        long simulating = Stopwatch.GetTimestamp();
        RunResult result;
        try
        {
            result = ScenarioRun.Run(loaded, TraceFiles.Instance, parallel, sample, (done, total) => progress.Report(done, total), ct);
        }
        finally
        {
            quietHeap?.Dispose();
        }

        long simulated = Stopwatch.GetTimestamp();
        simulationDone.Cancel();
        progress.Complete();
        WriteTimings? timings = parsed.GetValue(Timings) ? new WriteTimings() : null;
        string written;
        using (spare ? NoCollection.Begin(WriteRoom) : null)
        {
            written = ResultsFolder.Write(result, outDir, new ResultsWriteOptions { Force = force, ReportDate = ReportDate.Now(), Inputs = inputs, Timings = timings }, ct);
        }

        if (parsed.GetValue(Json))
        {
            SummaryJson.Write(result, stdout);
        }
        else
        {
            SummaryTable.Write(result, stdout);
            stdout.WriteLine($"results: {written}");
        }

        if (timings is not null)
        {
            double after = Stopwatch.GetElapsedTime(simulated).TotalSeconds;
            WriteTimingsTable(stderr, new RunTimings(
                SinceProcessStart(enteredUtc),
                Stopwatch.GetElapsedTime(entered, simulating).TotalSeconds,
                Stopwatch.GetElapsedTime(simulating, simulated).TotalSeconds,
                timings,
                after));
        }

        return parsed.GetValue(CheckSlo) && !result.SloMet ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    /// <summary>Prints <paramref name="t"/> as one line per phase, and the share beyond the simulation.</summary>
    internal static void WriteTimingsTable(TextWriter o, RunTimings t)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine("timings (wall-clock seconds):");
        void Line(string what, double s, string? note = null) =>
            o.WriteLine(string.Create(c, $"  {what,-40} {s,8:F3}{(note is null ? string.Empty : "  " + note)}"));
        Line("start-up (process start to the command)", t.StartUpS);
        Line("loading and checking the scenario", t.LoadS);
        Line("simulation", t.SimulationS);
        Line("data files", t.Write.DataFilesS);
        Line("charts drawn", t.Write.ChartsDrawnS, "alongside the data files");
        Line("waiting for the charts", t.Write.WaitForChartsS);
        Line("chart files and report", t.Write.ChartsAndReportS);
        Line("after the simulation, in all", t.AfterSimulationS, "the folder written, the summary printed");
        Line("beyond the simulation", t.BeyondSimulationS, string.Create(c, $"{t.BeyondShare:P1} of the simulation"));
        o.WriteLine(AheadOfTimeLibraries()
            ? "  build: the libraries of start-up, loading and charts carry code compiled ahead of time (Release)"
            : "  build: JIT only (not a Release build): start-up, loading and charts wait for the JIT");
    }

    /// <summary>
    /// Whether the libraries the command line, the scenario and the charts run in carry
    /// ahead-of-time (ReadyToRun) code, as a Release build's do (<c>Simulator.csproj</c>); read from
    /// System.CommandLine's own file.
    /// </summary>
    internal static bool AheadOfTimeLibraries()
    {
        try
        {
            using FileStream stream = File.OpenRead(typeof(RootCommand).Assembly.Location);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or BadImageFormatException)
        {
            return false; // a single-file bundle or an unreadable file: not known to be compiled ahead
        }
    }

    /// <summary>Seconds from the process's start to <paramref name="enteredUtc"/>; read after the run, since finding the start time (and the local time zone it is given in) costs tens of milliseconds cold.</summary>
    private static double SinceProcessStart(DateTime enteredUtc)
    {
        using var self = Process.GetCurrentProcess();
        return Math.Max(0, (enteredUtc - self.StartTime.ToUniversalTime()).TotalSeconds);
    }

    private static double SampleFraction(ParseResult parsed)
    {
        OptionResult? option = parsed.GetResult(TraceRequests);
        if (option is null || option.Implicit)
        {
            return 0;
        }

        string? text = parsed.GetValue(TraceRequests);
        if (string.IsNullOrEmpty(text))
        {
            return 0.01;
        }

        bool percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ||
            (percent && (v <= 0 || v > 100)) || (!percent && (v <= 0 || v > 1)))
        {
            throw new UsageException($"--trace-requests: '{text}' is not a share of requests (e.g. 1% or 0.05)");
        }

        return percent ? v / 100 : v;
    }
}

/// <summary>Where the wall time of one <c>run</c> went, seconds (<c>run --timings</c>).</summary>
/// <param name="StartUpS">From the process's start to the command's first line.</param>
/// <param name="LoadS">Loading and checking the scenario, up to the simulation.</param>
/// <param name="SimulationS">Running the replications.</param>
/// <param name="Write">Writing the results folder.</param>
/// <param name="AfterSimulationS">From the end of the simulation to the end of the command.</param>
internal sealed record RunTimings(double StartUpS, double LoadS, double SimulationS, WriteTimings Write, double AfterSimulationS)
{
    /// <summary>Everything but the simulation: start-up, loading and what came after.</summary>
    public double BeyondSimulationS => StartUpS + LoadS + AfterSimulationS;

    /// <summary><see cref="BeyondSimulationS"/> over <see cref="SimulationS"/>.</summary>
    public double BeyondShare => BeyondSimulationS / SimulationS;
}
