using System.CommandLine;

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

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>
    /// Parses and runs <paramref name="args"/>, stopping the command's work (as Ctrl+C does) when
    /// <paramref name="cancel"/> is cancelled; returns the exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter? stdout, TextWriter? stderr, CancellationToken cancel)
    {
        RootCommand root = Build();
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            parsed.Invoke(config); // prints the parse errors and help hint
            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.InvokeAsync(config, cancel).GetAwaiter().GetResult();
        }
        catch (UsageException ex)
        {
            config.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Output.OutputException ex)
        {
            // A results folder the user can fix (exists without --force, malformed file): like a usage error.
            config.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            config.Error.WriteLine("interrupted: nothing was written");
            return 130;
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

            config.Error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message} (full trace: {trace})");
            return ExitCodes.InternalError;
        }
    }

    // One line per verb; keep alphabetical to keep merges trivial.
    private static IEnumerable<Command> Verbs()
    {
        yield return BenchCommand.Create();
        yield return CalibrateCommand.Create();
        yield return CompareCommand.Create();
        yield return MergeCommand.Create();
        yield return PlanCommand.Create();
        yield return PlotCommand.Create();
        yield return PresetsCommand.Create();
        yield return ReportCommand.Create();
        yield return RunCommand.Create();
        yield return SchemaCommand.Create();
        yield return SweepCommand.Create();
        yield return ValidateCommand.Create();
    }
}
