using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LookoutSim.Experiments.Bench;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary><c>lookoutsim bench [kernel|model] [--customers N] [--json]</c>.</summary>
public static class BenchCommand
{
    private static readonly Argument<string?> Target = new("target")
    {
        Description = "What to measure: kernel (the engine alone, M/M/5) or model (samples/bench.yaml); both when omitted.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<long> Customers = new("--customers")
    {
        Description = "Customers in the kernel benchmark's timed run.",
        DefaultValueFactory = _ => 10_000_000,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Option<string?> ScenarioFile = new("--scenario")
    {
        Description = "Scenario of the model benchmark (default samples/bench.yaml).",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object keyed kernel and model on stdout.",
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        Target.AcceptOnlyFromAmong("kernel", "model");
        var command = new Command("bench", "Measures the engine and the model on this machine.")
        {
            Target,
            Customers,
            Json,
            ScenarioFile,
        };
        command.SetAction(parsed => Execute(
            parsed.GetValue(Target),
            parsed.GetValue(Customers),
            parsed.GetValue(Json),
            parsed.GetValue(ScenarioFile),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(string? target, long customers, bool json, string? scenario, TextWriter stdout, TextWriter stderr)
    {
        if (customers < 1000)
        {
            throw new UsageException($"--customers must be at least 1000 (got {customers.ToString(CultureInfo.InvariantCulture)})");
        }

        var report = new Dictionary<string, object>();
        if (target is null or "kernel")
        {
            stderr.WriteLine($"bench kernel: M/M/5, λ=4.5/s, μ=1/s, {customers.ToString("N0", CultureInfo.InvariantCulture)} customers after a warm-up …");
            KernelBenchResult k = KernelBenchmark.Run(customers);
            report["kernel"] = new Dictionary<string, double>
            {
                ["customers"] = k.Customers,
                ["customers_per_s"] = Math.Round(k.CustomersPerS),
                ["events_per_s"] = Math.Round(k.EventsPerS),
                ["alloc_bytes_per_customer"] = Math.Round(k.AllocBytesPerCustomer, 3),
                ["wq_s"] = Math.Round(k.WqS, 4),
                ["wq_theory_s"] = Math.Round(k.WqTheoryS, 4),
                ["floor_customers_per_s"] = Math.Round(k.FloorCustomersPerS),
                ["ratio_to_floor"] = Math.Round(k.RatioToFloor, 3),
            };
            if (!json)
            {
                WriteKernel(stdout, k);
            }
        }

        if (target is null or "model")
        {
            string file = scenario ?? Path.Combine("samples", "bench.yaml");
            if (!File.Exists(file))
            {
                throw new UsageException($"{file}: not found; run from the repository root or pass --scenario FILE");
            }

            ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, []);
            if (!loaded.IsValid)
            {
                throw new UsageException(string.Join(Environment.NewLine, loaded.Errors));
            }

            stderr.WriteLine($"bench model: {file}, one replication, single-threaded …");
            ModelBenchResult m = ModelBenchmark.Run(loaded);
            report["model"] = new Dictionary<string, object>
            {
                ["scenario"] = m.Scenario,
                ["horizon_s"] = m.HorizonS,
                ["requests"] = m.Requests,
                ["requests_per_s"] = Math.Round(m.RequestsPerS),
                ["events_per_s"] = Math.Round(m.EventsPerS),
                ["peak_working_set_mb"] = Math.Round(m.PeakWorkingSetMb, 1),
            };
            if (!json)
            {
                CultureInfo c = CultureInfo.InvariantCulture;
                stdout.WriteLine($"model ({m.Scenario}, {m.HorizonS.ToString(c)} s simulated)");
                stdout.WriteLine(string.Create(c, $"  requests                 {m.Requests,16:N0}"));
                stdout.WriteLine(string.Create(c, $"  requests_per_s           {m.RequestsPerS,16:N0}"));
                stdout.WriteLine(string.Create(c, $"  events_per_s             {m.EventsPerS,16:N0}"));
                stdout.WriteLine(string.Create(c, $"  peak_working_set_mb      {m.PeakWorkingSetMb,16:F1}"));
            }
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Indented));
        }

        return ExitCodes.Ok;
    }

    private static void WriteKernel(TextWriter o, KernelBenchResult k)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine("kernel (M/M/5 on the engine)");
        o.WriteLine(string.Create(c, $"  customers                {k.Customers,16:N0}"));
        o.WriteLine(string.Create(c, $"  customers_per_s          {k.CustomersPerS,16:N0}"));
        o.WriteLine(string.Create(c, $"  events_per_s             {k.EventsPerS,16:N0}"));
        o.WriteLine(string.Create(c, $"  alloc_bytes_per_customer {k.AllocBytesPerCustomer,16:F3}"));
        o.WriteLine(string.Create(c, $"  wq_s                     {k.WqS,16:F4}   (Erlang C: {k.WqTheoryS:F4})"));
        o.WriteLine(string.Create(c, $"  floor_customers_per_s    {k.FloorCustomersPerS,16:N0}   (bare PriorityQueue loop, same process)"));
        o.WriteLine(string.Create(c, $"  ratio_to_floor           {k.RatioToFloor,16:F3}"));
    }
}
