using System.Globalization;
using System.Text;
using System.Text.Json;
using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

public sealed class CalibrateCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lookoutsim-calibrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    internal static string RepositoryRoot()
    {
        DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LookoutSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LookoutSim.sln not found above the test directory");
    }

    /// <summary>Noiseless latencies of S = 40 + 12 × MP + 5 × MB ms.</summary>
    private static string ExactLatencies()
    {
        var csv = new StringBuilder("image,width,height,size_mb,latency_ms\n");
        (int W, int H, double Mb)[] images =
            [(640, 480, 0.05), (640, 480, 0.25), (1920, 1080, 0.4), (1920, 1080, 1.6), (4096, 3072, 2.0), (4096, 3072, 9.5), (2048, 1536, 1.2)];
        int i = 0;
        foreach ((int w, int h, double mb) in images)
        {
            double s = 40 + (12 * w * h / 1e6) + (5 * mb);
            csv.Append(CultureInfo.InvariantCulture, $"img{++i}.jpg,{w},{h},{mb},{s:R}\n");
        }

        return csv.ToString();
    }

    [Test]
    [SetCulture("de-DE")]
    public void Calibrate_ExactLatencies_PrintsServiceBlockWithMsUnits()
    {
        // Given
        string file = Write("m.csv", ExactLatencies());

        // When
        (int exit, string output, string err) = Run("calibrate", file);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(output, Does.Contain("service:\n  base: 40ms\n  per_megapixel: 12ms\n  per_megabyte: 5ms\n  distribution: deterministic\n  concurrency: 1\n"));
        Assert.That(output, Does.Contain("R² 1,").Or.Contain("R² 1 "));
        Assert.That(output, Does.Contain("columns not used: image"));
    }

    [Test]
    public void Calibrate_Json_OneObjectWithCoefficientsAndBlock()
    {
        string file = Write("m.csv", ExactLatencies());

        (int exit, string output, _) = Run("calibrate", file, "--json");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.That(root.GetProperty("coefficients_ms").GetProperty("per_megapixel").GetProperty("value").GetDouble(), Is.EqualTo(12).Within(1e-9));
        Assert.That(root.GetProperty("distribution").GetString(), Is.EqualTo("deterministic"));
        Assert.That(root.GetProperty("service_yaml").GetString(), Does.StartWith("service:\n  base: 40ms"));
        Assert.That(root.GetProperty("warnings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Calibrate_TpsWithConcurrency_ServiceTimeScalesWithConcurrency()
    {
        // Given a saturated unit at 20 calls/s for a fixed image mix… serving 2 at a time
        var csv = new StringBuilder("width,height,size_mb,tps\n");
        (int W, int H, double Mb)[] images = [(640, 480, 0.1), (1920, 1080, 1.5), (4096, 3072, 3.0), (4096, 3072, 8.0), (1280, 960, 0.9)];
        foreach ((int w, int h, double mb) in images)
        {
            double s = (40 + (12 * w * h / 1e6) + (5 * mb)) / 1000;
            csv.Append(CultureInfo.InvariantCulture, $"{w},{h},{mb},{(2 / s):R}\n");
        }

        string file = Write("tps.csv", csv.ToString());

        // When
        (int exit, string output, _) = Run("calibrate", file, "--concurrency", "2");

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("  base: 40ms\n  per_megapixel: 12ms\n  per_megabyte: 5ms\n"));
        Assert.That(output, Does.Contain("  concurrency: 2\n"));
    }

    [Test]
    public void Calibrate_MalformedRows_EveryProblemWithLineAndExitTwo()
    {
        // Given a non-number (line 3), a negative size (line 4), a short row (line 5), a zero width (line 7)
        string file = Write("bad.csv",
            "width,height,size_mb,latency_ms\n"
            + "1920,1080,1.2,80.5\n"
            + "1920,1080,1.2,fast\n"
            + "1920,1080,-1.2,80\n"
            + "1920,1080,1.2\n"
            + "2048,1536,1.5,90\n"
            + "0,1536,1.5,90\n");

        // When
        (int exit, string output, string err) = Run("calibrate", file);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(output, Is.Empty);
        Assert.That(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"{file}:3: error: latency_ms: 'fast' is not a number",
            $"{file}:4: error: size_mb: -1.2 is negative",
            $"{file}:5: error: 3 fields, the header has 4",
            $"{file}:7: error: width: must be greater than 0",
        }));
    }

    [Test]
    public void Calibrate_MissingColumns_ReportedOnLineOne()
    {
        string file = Write("bad.csv", "width,size_mb,latency\n1920,1.2,80\n");

        (int exit, _, string err) = Run("calibrate", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain($"{file}:1: error: missing column 'height'"));
        Assert.That(err, Does.Contain($"{file}:1: error: missing column 'latency_ms' or 'tps'"));
    }

    [TestCase("", "empty file")]
    [TestCase("\n\n", "empty file")]
    [TestCase("width,height,size_mb,latency_ms\n", "no measurements")]
    [TestCase("width,height,size_mb,latency_ms,tps\n1,1,1,1,1\n", "both 'latency_ms' and 'tps'")]
    [TestCase("width,height,size_mb,latency_ms\n\"1920,1080,1.2,80\n", "unterminated quoted field")]
    public void Calibrate_UnusableFile_ExitTwo(string text, string message)
    {
        string file = Write("bad.csv", text);

        (int exit, _, string err) = Run("calibrate", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain(message));
        Assert.That(err, Does.StartWith(file + ":"));
    }

    [Test]
    public void Calibrate_MissingFile_ExitTwo()
    {
        (int exit, _, string err) = Run("calibrate", Path.Combine(_dir, "none.csv"));

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("none.csv: error: no such file"));
    }

    [Test]
    public void Calibrate_ZeroConcurrency_ExitTwo()
    {
        string file = Write("m.csv", ExactLatencies());

        (int exit, _, string err) = Run("calibrate", file, "--concurrency", "0");

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err, Does.Contain("--concurrency must be at least 1"));
    }

    [Test]
    public void Calibrate_SizeProportionalToResolution_WarnsAndStillPrintsBlock()
    {
        // Given every image at 0.4 MB per megapixel
        var csv = new StringBuilder("width,height,size_mb,latency_ms\n");
        double[] lat = [48.1, 71.9, 66.0, 105.2, 99.8, 190.3, 201.7, 52.2];
        (int W, int H)[] res = [(640, 480), (1920, 1080), (1920, 1080), (2448, 2048), (2448, 2048), (4096, 3072), (4096, 3072), (640, 480)];
        for (int i = 0; i < res.Length; i++)
        {
            double mb = Math.Round(res[i].W * res[i].H / 1e6 * 0.4, 2);
            csv.Append(CultureInfo.InvariantCulture, $"{res[i].W},{res[i].H},{mb},{lat[i]}\n");
        }

        string file = Write("collinear.csv", csv.ToString());

        // When
        (int exit, string output, _) = Run("calibrate", file);

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("warning: size_mb is (nearly) proportional to megapixels"));
        Assert.That(output, Does.Contain("per_megapixel and per_megabyte are not identifiable separately"));
        Assert.That(output, Does.Contain("service:\n"));
    }

    [TestCase("line3-latency.csv")]
    [TestCase("line3-tps.csv")]
    public void Calibrate_SampleMeasurements_FitWithPlausibleCoefficients(string name)
    {
        // Given the sample files (made from base 45 ms, 14 ms/MP, 6 ms/MB)
        string file = Path.Combine(RepositoryRoot(), "samples", "measurements", name);

        // When
        (int exit, string output, string err) = Run("calibrate", file, "--json");

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), err);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement c = doc.RootElement.GetProperty("coefficients_ms");
        foreach ((string coefficient, double truth) in new[] { ("base", 45.0), ("per_megapixel", 14.0), ("per_megabyte", 6.0) })
        {
            double value = c.GetProperty(coefficient).GetProperty("value").GetDouble();
            double se = c.GetProperty(coefficient).GetProperty("standard_error").GetDouble();
            Assert.That(value, Is.EqualTo(truth).Within(3 * se), coefficient);
        }

        Assert.That(doc.RootElement.GetProperty("r_squared").GetDouble(), Is.GreaterThan(0.9));
    }

    [Test]
    public void Calibrate_TpsSample_PastesLognormalWithTheAssumedCvCommented()
    {
        // Given TPS measurements, whose spread (cv ≈ 0.01) only bounds single-call spread from below
        string file = Path.Combine(RepositoryRoot(), "samples", "measurements", "line3-tps.csv");

        // When
        (int exit, string output, string err) = Run("calibrate", file);

        // Then: not deterministic, which would understate tail latency
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), err);
        string block = output[output.IndexOf("service:\n", StringComparison.Ordinal)..];
        Assert.That(block, Does.Not.Contain("deterministic"));
        Assert.That(block, Does.Contain("  distribution: lognormal\n"));
        Assert.That(block, Does.Contain("  cv: 0.3   # assumed: TPS measurements only bound cv from below (0.01); measure latency_ms to estimate it\n"));
        Assert.That(output, Does.Contain("→ distribution lognormal"));

        // And the block, pasted into a scenario, loads with that cv
        string scenario = "name: pasted\nhorizon: 1h\ntraffic:\n  - { name: a, pattern: poisson, rate: 1/s }\ndeployment:\n  min_units: 1\n" + block;
        LookoutSim.Scenarios.ScenarioLoadResult loaded = LookoutSim.Scenarios.ScenarioLoader.LoadText(scenario, "pasted.yaml");
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Diagnostics));
        Assert.That(loaded.Scenario!.Service.Cv, Is.EqualTo(0.3));
    }

    [Test]
    public void Calibrate_TpsWithLargeSpread_PastesTheBoundItself()
    {
        // Given TPS measurements scattered by about ±40%
        var csv = new StringBuilder("width,height,size_mb,tps\n");
        double[] noise = [1.4, 0.6, 1.3, 0.7, 1.45, 0.55, 1.35, 0.65, 1.0, 1.2, 0.8, 1.1];
        for (int i = 0; i < noise.Length; i++)
        {
            int w = 640 * (1 + (i % 4));
            double mb = Math.Round(0.2 + (i % 3) * 0.9, 2);
            double serviceMs = (45 + (14 * w * 480 / 1e6) + (6 * mb)) * noise[i];
            csv.Append(CultureInfo.InvariantCulture, $"{w},480,{mb},{1000 / serviceMs:0.###}\n");
        }

        string file = Write("tps-noisy.csv", csv.ToString());

        // When
        (int exit, string output, string err) = Run("calibrate", file, "--json");

        // Then
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), err);
        using JsonDocument doc = JsonDocument.Parse(output);
        double cv = doc.RootElement.GetProperty("cv").GetDouble();
        Assert.That(cv, Is.GreaterThan(0.3));
        Assert.That(doc.RootElement.GetProperty("service_cv").GetDouble(), Is.EqualTo(cv));
        Assert.That(doc.RootElement.GetProperty("service_yaml").GetString(), Does.Contain("# a lower bound: TPS measurements understate the spread of single calls"));
    }

    [Test]
    public void Calibrate_DevZero_RefusedAtOnce()
    {
        // Given an endless device (it was read whole: 4.3 GB, then out of memory)
        if (!File.Exists("/dev/zero"))
        {
            Assert.Ignore("no /dev/zero on this system");
        }

        // When
        var r = Run("calibrate", "/dev/zero");

        // Then
        Assert.That(r.Exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(r.Err.Trim(), Is.EqualTo("/dev/zero: error: binary data (a NUL byte): this is not a text CSV file"));
    }

    [Test]
    public void Calibrate_FileOfNuls_OneShortError()
    {
        // Given a megabyte of NULs (its "header" was echoed in the missing-column errors)
        string path = Path.Combine(_dir, "m.csv");
        File.WriteAllBytes(path, new byte[1 << 20]);

        // When
        var r = Run("calibrate", path);

        // Then
        Assert.That(r.Exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(r.Err.Trim(), Is.EqualTo($"{path}: error: binary data (a NUL byte): this is not a text CSV file"));
    }

    [Test]
    public void Calibrate_FileOverTheSizeLimit_RefusedWithTheLimit()
    {
        // Given 65 MB of text (a sparse file would be NULs: write real lines)
        string path = Path.Combine(_dir, "big.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("width,height,size_mb,latency_ms\n");
            string line = new string(' ', 1023) + "\n";
            for (int i = 0; i < 65 * 1024; i++)
            {
                w.Write(line);
            }
        }

        // When
        var r = Run("calibrate", path);

        // Then
        Assert.That(r.Exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(r.Err, Does.Contain("larger than 67,108,864 bytes"));
    }
}
