using System.CommandLine;
using LookoutSim.Experiments;
using LookoutSim.Output;

namespace LookoutSim.Cli;

/// <summary>
/// <c>lookoutsim calibrate MEASUREMENTS.csv [--concurrency N] [--json]</c>: fits the service-time
/// model (base, per_megapixel, per_megabyte) to measured latencies or TPS and prints the
/// <c>service:</c> block to paste into a scenario.
/// </summary>
/// <remarks>Exit 0 after a fit (warnings included), 2 on a missing or malformed file (every problem
/// with file:line).</remarks>
public static class CalibrateCommand
{
    private static readonly Argument<string> File = new("MEASUREMENTS")
    {
        Description = "CSV, one row per measured image: width,height,size_mb and latency_ms (idle unit) or tps (one unit saturated).",
    };

    private static readonly Option<int> Concurrency = new("--concurrency")
    {
        Description = "Requests one unit serves at once: service time = concurrency / tps; also printed in the service block.",
        DefaultValueFactory = _ => 1,
        HelpName = "N",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the fit as one JSON object (values in ms).",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("calibrate", "Fits the service-time model to measured latencies or TPS and prints the service: block.");
        command.Arguments.Add(File);
        command.Options.Add(Concurrency);
        command.Options.Add(Json);
        Concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--concurrency must be at least 1");
            }
        });
        command.SetAction(parse => Execute(
            parse.GetValue(File)!,
            parse.GetValue(Concurrency),
            parse.GetValue(Json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Reads, fits and prints; returns the exit code.</summary>
    public static int Execute(string file, int concurrency, bool json, TextWriter stdout, TextWriter stderr)
    {
        Measurements measurements;
        try
        {
            measurements = MeasurementsCsv.Read(file);
        }
        catch (InputFileException ex)
        {
            ex.WriteTo(stderr);
            return ExitCodes.BadInput;
        }

        CalibrationResult result = Calibration.Fit(measurements.Kind, measurements.Rows, concurrency);
        if (json)
        {
            CalibrationReportWriter.WriteJson(result, file, stdout);
        }
        else
        {
            CalibrationReportWriter.WriteText(result, file, measurements.IgnoredColumns, stdout);
        }

        return ExitCodes.Ok;
    }
}
