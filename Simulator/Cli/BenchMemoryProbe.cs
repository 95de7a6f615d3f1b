using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LookoutSim.Experiments.Bench;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>
/// The memory probe of <c>lookoutsim bench model</c>: the hidden verb
/// <c>lookoutsim bench memory-probe --scenario FILE [--horizon DURATION]</c>, which runs one
/// replication and prints its peak working set as JSON, and <see cref="RunChild"/>, which starts
/// it in a fresh process (a process's peak working set cannot be reset, so each horizon gets its own).
/// </summary>
public static class BenchMemoryProbe
{
    /// <summary>The hidden verb's name, under <c>bench</c>.</summary>
    public const string VerbName = "memory-probe";

    private static readonly Option<string> ScenarioFile = new("--scenario")
    {
        HelpName = "SCENARIO",
        Description = "Scenario to run once.",
        Required = true,
    };

    private static readonly Option<string?> Horizon = new("--horizon")
    {
        HelpName = "DURATION",
        Description = "Simulated horizon (overrides the scenario's).",
    };

    /// <summary>Builds the hidden verb.</summary>
    public static Command Create()
    {
        var command = new Command(VerbName, "Runs one replication and prints this process's peak working set as JSON (used by bench model).")
        {
            Hidden = true,
            Options = { ScenarioFile, Horizon },
        };
        command.SetAction(parsed =>
        {
            ScenarioLoadResult loaded = BenchCommand.LoadScenario(parsed.GetValue(ScenarioFile)!, parsed.GetValue(Horizon), "--horizon");
            MemoryProbeResult r = ModelBenchmark.Probe(loaded, TraceFiles.Instance);
            var json = new JsonObject
            {
                ["scenario"] = r.Scenario,
                ["horizon_s"] = r.HorizonS,
                ["requests"] = r.Requests,
                ["peak_working_set_mb"] = r.PeakWorkingSetMb,
            };
            parsed.InvocationConfiguration.Output.WriteLine(json.ToJsonString());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Runs the probe in a fresh process on <paramref name="scenarioFile"/> at
    /// <paramref name="horizon"/> (the scenario's own when null) and returns what it printed.
    /// </summary>
    /// <exception cref="UsageException">The probe rejected its input (exit 2); the message carries its stderr.</exception>
    /// <exception cref="InvalidOperationException">The probe could not start, failed otherwise, or printed no result.</exception>
    public static MemoryProbeResult RunChild(string scenarioFile, string? horizon)
    {
        List<string> args = ["bench", VerbName, "--scenario", Path.GetFullPath(scenarioFile)];
        if (horizon is not null)
        {
            args.AddRange(["--horizon", horizon]);
        }

        (string file, string[] prefix) = SelfCommand();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])[.. prefix, .. args])
        {
            start.ArgumentList.Add(a);
        }

        string stdout;
        string stderr;
        int exitCode;
        try
        {
            using Process child = Process.Start(start) ?? throw new InvalidOperationException($"the memory probe did not start ({file})");
            Task<string> errors = child.StandardError.ReadToEndAsync();
            stdout = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            stderr = errors.GetAwaiter().GetResult().Trim();
            exitCode = child.ExitCode;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"the memory probe could not start {file}: {ex.Message} (use --skip memory to measure without it)", ex);
        }

        string shown = string.Join(' ', args);
        if (exitCode == ExitCodes.BadInput)
        {
            throw new UsageException($"the memory probe (lookoutsim {shown}) rejected its input: {stderr}");
        }

        if (exitCode != ExitCodes.Ok)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the memory probe (lookoutsim {shown}) failed with exit code {exitCode}: {stderr}"));
        }

        try
        {
            JsonElement root = JsonDocument.Parse(stdout).RootElement;
            return new MemoryProbeResult(
                root.GetProperty("scenario").GetString() ?? string.Empty,
                root.GetProperty("horizon_s").GetDouble(),
                root.GetProperty("requests").GetInt64(),
                root.GetProperty("peak_working_set_mb").GetDouble());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"the memory probe (lookoutsim {shown}) printed no result: {ex.Message}; stdout: {stdout.Trim()}", ex);
        }
    }

    /// <summary>
    /// How to start this program again: the <c>lookoutsim</c> executable itself when that is what
    /// runs, otherwise (<c>dotnet lookoutsim.dll</c>, a test host) the dotnet host
    /// (<c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> on PATH) with <c>exec</c> and this assembly.
    /// </summary>
    internal static (string File, string[] Prefix) SelfCommand()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "lookoutsim")
        {
            return (self, []);
        }

        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host))
        {
            host = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }

        return (host, ["exec", typeof(BenchCommand).Assembly.Location]);
    }
}
