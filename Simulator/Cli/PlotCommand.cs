using System.CommandLine;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim plot DIR [--out PLOTS_DIR]</c>: redraws the charts of a run, sweep, plan or sensitivity folder from its files.</summary>
public static class PlotCommand
{
    private static readonly Argument<string> Dir = new("DIR") { Description = "A results folder: of a run (also backtest), a sweep (sweep.csv), a plan (plan.json) or a sensitivity run (sensitivity.json)." };

    private static readonly Option<string?> Out = new("--out") { Description = "Where to write the charts (default: DIR/plots).", HelpName = "PLOTS_DIR" };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("plot", "Redraws the charts (PNG and SVG) of a run, sweep, plan or sensitivity folder from its files, with the code the verb used.") { Dir, Out };
        command.SetAction((parse, ct) =>
        {
            IReadOnlyList<string> written = Redraw.Plots(parse.GetValue(Dir)!, parse.GetValue(Out), ct);
            TextWriter output = parse.InvocationConfiguration.Output;
            foreach (string path in written)
            {
                output.WriteLine(path);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
