using System.CommandLine;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// The <c>lookoutsim</c> command tree. Each verb is built by its own factory in its own file
/// (<c>BenchCommand.Create()</c>, …); the action of each is one call into the layers below.
/// </summary>
public static class CommandLine
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("LookoutSim: capacity, cost and availability of models served on inference units.");
        foreach (Command verb in Verbs())
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    /// <summary>The longest line written to the error stream; a longer one is cut (see <see cref="TerminalWriter"/>).</summary>
    public const int MaxErrorLineLength = 2000;

    private static int consoleWrapped;
    private static int yamlPrepared;

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>
    /// Parses and runs <paramref name="args"/>, stopping the command's work (as Ctrl+C does) when
    /// <paramref name="cancel"/> is cancelled; returns the exit code.
    /// </summary>
    /// <remarks>Both writers (the console's when none are given) go through <see cref="TerminalWriter"/>,
    /// so no control character from the data reaches the terminal.</remarks>
    public static int Run(string[] args, TextWriter? stdout, TextWriter? stderr, CancellationToken cancel)
    {
        if (Interlocked.Exchange(ref yamlPrepared, 1) == 0 && Environment.ProcessorCount > 1)
        {
            // The YAML reader's one-off set-up on another core while the command line is built.
            SpareCore.Start("YAML reader set-up", ScenarioLoader.Prepare);
        }

        RootCommand root = Build();
        bool console = stdout is null && stderr is null;
        if (console && Interlocked.Exchange(ref consoleWrapped, 1) == 0)
        {
            // Replaced on the console itself, so that Console.Error stays the writer progress
            // reporters recognise as the terminal.
            Console.SetOut(new TerminalWriter(Console.Out, int.MaxValue));
            Console.SetError(new TerminalWriter(Console.Error, MaxErrorLineLength));
        }

        var config = new InvocationConfiguration
        {
            Output = console ? Console.Out : new TerminalWriter(stdout ?? Console.Out, int.MaxValue),
            Error = console ? Console.Error : new TerminalWriter(stderr ?? Console.Error, MaxErrorLineLength),
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // signals are handled below, the same way for every verb
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            parsed.Invoke(config); // prints the parse errors and help hint
            return ExitCodes.BadInput;
        }

        using var interruption = Interruption.Listen();
        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(interruption.Token, cancel);
            return parsed.InvokeAsync(config, both.Token).GetAwaiter().GetResult();
        }
        catch (UsageException ex)
        {
            config.Error.WriteLine($"error: {DisplayText.SafeMessage(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Output.OutputException ex)
        {
            // A results folder the user can fix (exists without --force, malformed file): like a usage error.
            config.Error.WriteLine($"error: {DisplayText.SafeMessage(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Output.InputFileException ex)
        {
            // An input file the user can fix (a trace row, a measurements line): each problem with file:line.
            ex.WriteTo(config.Error);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            config.Error.WriteLine("interrupted: nothing was written");
            return interruption.ExitCode;
        }
        catch (Exception ex)
        {
            string trace = Path.Combine(Path.GetTempPath(), $"lookoutsim-error-{Environment.ProcessId}.txt");
            try
            {
                File.WriteAllText(trace, ex.ToString());
            }
            catch (IOException)
            {
                trace = "(could not be written)";
            }

            config.Error.WriteLine($"internal error: {ex.GetType().Name}: {DisplayText.SafeMessage(ex.Message)} (full trace: {trace})");
            return ExitCodes.InternalError;
        }
    }

    // One line per verb; keep alphabetical to keep merges trivial.
    private static IEnumerable<Command> Verbs()
    {
        yield return BacktestCommand.Create();
        yield return BenchCommand.Create();
        yield return CalibrateCommand.Create();
        yield return CompareCommand.Create();
        yield return ExportCommand.Create();
        yield return FitCommand.Create();
        yield return ImportCommand.Create();
        yield return MergeCommand.Create();
        yield return PlanCommand.Create();
        yield return PlotCommand.Create();
        yield return PresetsCommand.Create();
        yield return ReportCommand.Create();
        yield return RunCommand.Create();
        yield return SchemaCommand.Create();
        yield return SensitivityCommand.Create();
        yield return SweepCommand.Create();
        yield return ValidateCommand.Create();
    }
}
