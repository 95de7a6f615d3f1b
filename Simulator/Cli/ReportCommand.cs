using System.CommandLine;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim report DIR [--out FILE]</c>: rewrites the HTML report of a results folder from its files.</summary>
public static class ReportCommand
{
    private static readonly Argument<string> Dir = new("DIR") { Description = "A results folder: of a run (also backtest), a sweep (sweep.csv), a plan (plan.json) or a sensitivity run (sensitivity.json)." };

    private static readonly Option<string?> Out = new("--out") { Description = "Where to write the page (default: DIR/report.html, DIR/sweep.html, DIR/plan.html or DIR/sensitivity.html).", HelpName = "FILE" };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command(
            "report",
            "Rewrites the self-contained HTML page of a results folder from its files: report.html of a run, sweep.html of a sweep, plan.html of a plan, sensitivity.html of a sensitivity run (dated now, or SOURCE_DATE_EPOCH when set).")
        {
            Dir, Out,
        };
        command.SetAction((parse, ct) =>
        {
            string path = Redraw.Report(parse.GetValue(Dir)!, parse.GetValue(Out), ReportDate.Now(), ct);
            parse.InvocationConfiguration.Output.WriteLine(path);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
