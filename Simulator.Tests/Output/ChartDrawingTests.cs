using HdrHistogram;
using LookoutSim.Metrics;
using LookoutSim.Output;
using ScottPlot;
using SkiaSharp;

namespace LookoutSim.Tests.Output;

/// <summary>
/// The charts drawn once per plot (a recorded picture played back as PNG and SVG) and as jobs shared
/// by several threads: the same files as before, whatever the threads; and the warm-up a run does
/// on a spare core changes nothing it writes.
/// </summary>
[TestFixture]
public class ChartDrawingTests
{
    private static readonly Lazy<RunResult> Realistic = new(() => FakeResults.Realistic());

    [TestCase("capacity")]
    [TestCase("units")]
    [TestCase("latency")]
    [TestCase("cost")]
    [TestCase("latency-cdf")]
    [TestCase("latency-tail")]
    public void Render_EachChart_SamePixelsAndSvgAsRenderingOncePerFormat(string name)
    {
        // Given: two identical plots of one chart
        RunResult result = Realistic.Value;
        ChartData data = ChartData.From(result);
        using Plot twice = Charts.Build(name, result, data, out _);
        using Plot once = Charts.Build(name, result, data, out _);

        // When: one is rendered once per format, as ScottPlot does (PNG, then SVG), and the other
        // laid out and drawn once and played back onto both
        byte[] pngTwice = Charts.Png(twice);
        string svgTwice = Charts.StableIds(twice.GetSvgXml(Charts.Width, Charts.Height));
        (byte[] pngOnce, string svgOnce) = Charts.Render(once);

        // Then: every pixel and the SVG text are the same
        AssertSamePixels(pngOnce, pngTwice, name);
        Assert.That(svgOnce, Is.EqualTo(svgTwice), name + ".svg");
    }

    [Test]
    public void Render_SweepChart_SameBytesAsRenderingOncePerFormat()
    {
        // Given: two identical plots of another kind (scatter points, error bars, a legend; 1600 x 1000)
        static Plot Make()
        {
            Plot plot = ChartFont.NewPlot();
            plot.Title("sweep");
            var points = plot.Add.ScatterPoints(new double[] { 1, 2, 3, 4 }, new double[] { 4, 1, 3, 2 });
            points.LegendText = "points";
            plot.Add.ErrorBar(new double[] { 1, 2 }, new double[] { 2, 3 }, new double[] { 0.5, 0.2 });
            plot.ShowLegend(Edge.Bottom);
            return plot;
        }

        using Plot twice = Make();
        using Plot once = Make();

        // When: rendered both ways at the sweep charts' size
        byte[] pngTwice = Charts.Png(twice, 1600, 1000);
        string svgTwice = Charts.StableIds(twice.GetSvgXml(1600, 1000));
        (byte[] pngOnce, string svgOnce) = Charts.Render(once, 1600, 1000);

        // Then: the same
        AssertSamePixels(pngOnce, pngTwice, "sweep");
        Assert.That(svgOnce, Is.EqualTo(svgTwice));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void Finish_AnyNumberOfHelpers_SameBytesAsOneChartAtATime(int helpers)
    {
        // Given: each chart drawn alone on this thread
        RunResult result = Realistic.Value;
        ChartData data = ChartData.From(result);
        Chart[] alone = [.. Charts.Names.Select(name => Charts.Draw(name, result, data))];

        // When: all are drawn as shared jobs by this thread and some helpers
        IReadOnlyList<Chart> shared;
        using (ChartDrawing drawing = ChartDrawing.Start(result, helpers, CancellationToken.None))
        {
            shared = drawing.Finish();
            Assert.That(drawing.DrawnS, Is.GreaterThan(0));
        }

        // Then: the same charts, in the same order, byte for byte
        Assert.That(shared.Select(c => c.Name), Is.EqualTo(Charts.Names));
        ChartAssert.SameFiles(shared, alone);
    }

    [Test]
    public void Finish_Cancelled_ThrowsAndLeavesNothingRunning()
    {
        // Given: a drawing whose token is cancelled before any job ran on this thread
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using ChartDrawing drawing = ChartDrawing.Start(Realistic.Value, 2, cts.Token);

        // When / Then: finishing reports the cancellation
        Assert.Throws<OperationCanceledException>(() => drawing.Finish());
    }

    [Test]
    public void Finish_AJobFails_ThrowsItsOwnException()
    {
        // Given: a result whose series cannot be read (a replication without time series)
        RunResult good = FakeResults.Realistic(replications: 1, horizonS: 3600);
        var broken = new RunResult
        {
            Version = good.Version,
            Scenario = good.Scenario,
            ScenarioSha256 = good.ScenarioSha256,
            Seed = good.Seed,
            HorizonS = good.HorizonS,
            WarmupS = good.WarmupS,
            Metrics = good.Metrics,
            Replications =
            [
                new ReplicationResult
                {
                    Replication = 0,
                    Measures = good.Replications[0].Measures,
                    LatencyMicros = new LongHistogram(1, 3_600_000_000L, 3),
                    TimeSeries = null!,
                },
            ],
        };

        // When / Then: the drawing's error comes out as itself, not wrapped
        using ChartDrawing drawing = ChartDrawing.Start(broken, 1, CancellationToken.None);
        Assert.Throws<NullReferenceException>(() => drawing.Finish());
    }

    [Test]
    public void WarmUp_WhileAFolderIsWritten_ChangesNoByteOfIt()
    {
        // Given: a results folder written without any warm-up running
        using var tmp = new TempDir();
        RunResult result = FakeResults.Realistic(replications: 2);
        var options = new ResultsWriteOptions { ReportDate = DateTimeOffset.UnixEpoch };
        string before = ResultsFolder.Write(result, tmp["before"], options);

        // When: the same folder is written while warm-ups run on other threads, and once after
        Task[] warmUps = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() => ResultsFolder.WarmUp(CancellationToken.None)))];
        string during = ResultsFolder.Write(result, tmp["during"], options);
        Task.WaitAll(warmUps);
        string after = ResultsFolder.Write(result, tmp["after"], options);

        // Then: every file is byte for byte the same (the manifest names its own folder's files only)
        string[] files = [.. Directory.GetFiles(before, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(before, f)).Order(StringComparer.Ordinal)];
        Assert.That(files, Has.Length.GreaterThan(10));
        foreach (string f in files)
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(before, f));
            Assert.That(File.ReadAllBytes(Path.Combine(during, f)), Is.EqualTo(expected), "during: " + f);
            Assert.That(File.ReadAllBytes(Path.Combine(after, f)), Is.EqualTo(expected), "after: " + f);
        }
    }

    [Test]
    public void WarmUp_Cancelled_StopsBeforeDrawing()
    {
        // Given: the simulation already over
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        // When / Then: the warm-up stops at its first step
        Assert.Throws<OperationCanceledException>(() => ResultsFolder.WarmUp(cts.Token));
    }

    [Test]
    public void Rehearsal_TakesTheBlockAveragedPathsOfARealFolder()
    {
        // Given: the made-up result the warm-up writes
        RunResult rehearsal = ResultsFolder.Rehearsal();

        // When: its chart series are taken
        ChartData data = ChartData.From(rehearsal);

        // Then: more intervals than a line holds points (so they are averaged, as in a week's run),
        // a zone outage, every zone, and a latency histogram to draw
        Assert.That(rehearsal.Replications[0].TimeSeries, Has.Count.GreaterThan(ChartData.MaxPoints));
        Assert.That(data.Times, Has.Length.LessThanOrEqualTo(ChartData.MaxPoints));
        Assert.That(data.Outages, Has.Count.EqualTo(1));
        Assert.That(data.Zones, Has.Count.EqualTo(3));
        Assert.That(data.Latency.TotalCount, Is.GreaterThan(0));
    }

    private static void AssertSamePixels(byte[] actualPng, byte[] expectedPng, string name)
    {
        using SKBitmap actual = SKBitmap.Decode(actualPng);
        using SKBitmap expected = SKBitmap.Decode(expectedPng);
        Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)), name);
        Assert.That(actual.Bytes, Is.EqualTo(expected.Bytes), name + ".png pixels");
        Assert.That(actualPng, Is.EqualTo(expectedPng), name + ".png bytes");
    }
}
