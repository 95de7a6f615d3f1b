using LookoutSim.Metrics;
using LookoutSim.Output;
using SkiaSharp;

namespace LookoutSim.Tests.Output;

[TestFixture]
public class ChartsTests
{
    private static readonly Lazy<(RunResult Result, IReadOnlyList<Chart> Charts)> Drawn = new(() =>
    {
        RunResult result = FakeResults.Realistic();
        return (result, Charts.Draw(result));
    });

    [Test]
    public void Draw_AllAtOnce_SameBytesAsOneChartAtATime()
    {
        // Given: the charts drawn together (in parallel) for a realistic result
        (RunResult result, IReadOnlyList<Chart> together) = Drawn.Value;
        ChartData data = ChartData.From(result);

        // When: each is drawn alone, on this thread
        Chart[] alone = [.. Charts.Names.Select(name => Charts.Draw(name, result, data))];

        // Then: byte for byte the same files
        ChartAssert.SameFiles(together, alone);
    }

    [Test]
    public void Draw_RealisticResult_GivesEveryNamedChart()
    {
        // Given a realistic result / When drawn
        IReadOnlyList<Chart> charts = Drawn.Value.Charts;

        // Then every chart of the spec is there, in order
        Assert.That(charts.Select(c => c.Name), Is.EqualTo(new[] { "capacity", "units", "latency", "cost", "latency-cdf", "latency-tail" }));
        string dir = Environment.GetEnvironmentVariable("LOOKOUTSIM_CHART_DIR") ?? "";
        if (dir.Length > 0)
        {
            Directory.CreateDirectory(dir);
            foreach (Chart c in charts)
            {
                c.Save(dir);
            }
        }
    }

    [TestCase("capacity")]
    [TestCase("units")]
    [TestCase("latency")]
    [TestCase("cost")]
    [TestCase("latency-cdf")]
    [TestCase("latency-tail")]
    public void Png_EachChart_IsSlideSizedAndDrawn(string name)
    {
        // Given the chart
        Chart chart = Drawn.Value.Charts.Single(c => c.Name == name);

        // When its PNG is decoded
        using SKBitmap bitmap = SKBitmap.Decode(chart.Png);

        // Then it is 1600 x 900 and a fair share of it is ink, in more than one colour
        Assert.That(bitmap, Is.Not.Null);
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((Charts.Width, Charts.Height)));
        (double ink, int colours) = Ink(bitmap);
        Assert.That(ink, Is.GreaterThan(0.02), "share of non-background pixels");
        Assert.That(colours, Is.GreaterThanOrEqualTo(1), "data drawn in colour, not only axes and text");
        Assert.That(chart.Svg, Does.StartWith("<svg").Or.StartWith("<?xml"));
        Assert.That(chart.Svg, Does.Contain("</svg>"));
    }

    [Test]
    [SetCulture("de-DE")]
    public void Draw_UnderGermanCulture_GivesTheSameSvg()
    {
        // Given the charts drawn under the invariant culture
        RunResult result = FakeResults.Realistic(replications: 1, horizonS: 6 * 3600);
        string[] invariant;
        using (new CultureScope(System.Globalization.CultureInfo.InvariantCulture))
        {
            invariant = Charts.Draw(result).Select(c => c.Svg).ToArray();
        }

        // When drawn again under de-DE (decimal comma)
        string[] german = Charts.Draw(result).Select(c => c.Svg).ToArray();

        // Then every SVG is the same text
        Assert.That(german, Is.EqualTo(invariant));
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo old = System.Globalization.CultureInfo.CurrentCulture;

        public CultureScope(System.Globalization.CultureInfo culture) => System.Globalization.CultureInfo.CurrentCulture = culture;

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = old;
    }

    /// <summary>Share of pixels that are not near-white, and how many distinct hue buckets the saturated ones fall in.</summary>
    internal static (double Ink, int Colours) Ink(SKBitmap bitmap)
    {
        long ink = 0;
        var hues = new HashSet<int>();
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235)
                {
                    ink++;
                }

                c.ToHsv(out float h, out float s, out float v);
                if (s > 40 && v > 30)
                {
                    hues.Add((int)(h / 30));
                }
            }
        }

        return ((double)ink / (bitmap.Width * bitmap.Height / 4), hues.Count);
    }
}
