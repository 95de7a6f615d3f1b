using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using ScottPlot;
using ScottPlot.Plottables;

namespace LookoutSim.Tests.Output;

/// <summary>Pareto labels that do not overprint, and the plan chart's font, notes and legend.</summary>
public sealed class LabelPlacementTests
{
    private static readonly LabelBox Area = new(100, 50, 1400, 800);

    [Test]
    public void Place_FiveLabelsOnOnePoint_NoneOverlapsAnotherOrAMarker()
    {
        // Given five points drawn on the same pixel (sweep points with the same results) and a neighbour
        (float, float)[] anchors = [(600, 400), (600, 400), (600, 400), (600, 400), (600, 400), (640, 405)];
        (float, float)[] sizes = [.. anchors.Select(_ => (420f, 26f))];

        // When
        IReadOnlyList<LabelBox?> boxes = LabelPlacer.Place(anchors, sizes, Area, anchors, 11);

        // Then every label is placed, inside the area, clear of the markers and of each other
        Assert.That(boxes, Has.All.Not.Null);
        LabelBox[] placed = [.. boxes.Select(b => b!.Value)];
        for (int i = 0; i < placed.Length; i++)
        {
            Assert.That(placed[i].Inside(Area), Is.True, $"label {i} inside");
            foreach ((float x, float y) in anchors)
            {
                Assert.That(placed[i].Overlaps(new LabelBox(x - 11, y - 11, 22, 22)), Is.False, $"label {i} clear of the marker at {x},{y}");
            }

            for (int j = 0; j < i; j++)
            {
                Assert.That(placed[i].Overlaps(placed[j]), Is.False, $"labels {j} and {i}");
            }
        }
    }

    [Test]
    public void Place_NoRoomAnywhere_LeavesTheLabelOutRatherThanOverprinting()
    {
        // Given an area barely larger than one label
        var area = new LabelBox(0, 0, 300, 30);
        (float, float)[] anchors = [(10, 20), (10, 20)];

        // When
        IReadOnlyList<LabelBox?> boxes = LabelPlacer.Place(anchors, [(250f, 10f), (250f, 10f)], area, [], 0);

        // Then the first is placed and the second, with nowhere free, is left out
        Assert.That(boxes[0], Is.Not.Null);
        Assert.That(boxes[1], Is.Null);
    }

    [Test]
    public void LabelFront_CoincidentPoints_DrawsEveryLabelWithoutOverlapInPixels()
    {
        // Given a Pareto-like plot whose first three points coincide
        using Plot plot = ChartFont.NewPlot();
        double[] xs = [0.5, 0.5, 0.5, 0.55, 0.8, 1.6];
        double[] ys = [5.3, 5.3, 5.3, 5.2, 3.9, 3.85];
        plot.Add.ScatterPoints(xs, ys);
        (double, double, string)[] labels = [.. xs.Select((x, i) => (x, ys[i], $"min_units {i}  max_units {i + 3}  target 70%"))];

        // When
        SweepCharts.LabelFront(plot, labels, [.. xs.Zip(ys)]);

        // Then there is one text per label, and their boxes, as drawn, do not overlap
        plot.RenderInMemory(SweepCharts.Width, SweepCharts.Height);
        Text[] texts = [.. plot.GetPlottables().OfType<Text>()];
        Assert.That(texts.Select(t => t.LabelText), Is.EquivalentTo(labels.Select(l => l.Item3)));
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(ChartFont.Sans);
        using var font = new SkiaSharp.SKFont(typeface, 20);
        LabelBox[] boxes = [.. texts.Select(t =>
        {
            Pixel p = plot.GetPixel(t.Location);
            return new LabelBox(p.X + t.OffsetX, p.Y + t.OffsetY, font.MeasureText(t.LabelText), 20);
        })];
        for (int i = 0; i < boxes.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.That(boxes[i].Overlaps(boxes[j]), Is.False, $"{texts[j].LabelText} / {texts[i].LabelText}");
            }
        }
    }

    [Test]
    public void PlanChart_SameFontAndSizesAsRunCharts_NotesRightOfErrorBars_LegendBelow()
    {
        // Given three candidates, one with a wide cost interval
        PlanOutcome outcome = Outcome();

        // When
        using Plot plot = SweepPlanFolder.ChartPlot(outcome, "USD");

        // Then: the run charts' family and sizes
        Assert.That(plot.Axes.Title.Label.FontName, Is.EqualTo(ChartFont.Sans));
        Assert.That(plot.Axes.Title.Label.FontSize, Is.EqualTo(Charts.TitleSize));
        Assert.That(plot.Axes.Bottom.Label.FontSize, Is.EqualTo(Charts.LabelSize));
        Assert.That(plot.Axes.Left.Label.FontName, Is.EqualTo(ChartFont.Sans));
        Assert.That(plot.Axes.Bottom.TickLabelStyle.FontName, Is.EqualTo(ChartFont.Sans));
        Assert.That(plot.Legend.FontName, Is.EqualTo(ChartFont.Sans));
        Assert.That(plot.Legend.FontSize, Is.EqualTo(Charts.LegendSize));
        Text[] notes = [.. plot.GetPlottables().OfType<Text>()];
        Assert.That(notes.Select(n => n.LabelFontName), Has.All.EqualTo(ChartFont.Sans));

        // And each note starts right of its bar's error whisker
        Assert.That(notes.Single(n => n.LabelText == "answer").Location.X, Is.GreaterThan(14));
        Assert.That(notes.Single(n => n.LabelText == "meets the SLOs").Location.X, Is.GreaterThan(20));

        // And the legend is a panel below the chart, not a box over the bars
        Assert.That(plot.Legend.IsVisible, Is.False, "no legend inside the data area");
        Assert.That(plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Select(p => p.Edge), Is.EqualTo(new[] { Edge.Bottom }));
    }

    private static PlanOutcome Outcome()
    {
        static PlanCandidate Candidate(int n, int units, double cost, double high, bool feasible) => new()
        {
            Number = n,
            MinUnits = units,
            MaxUnits = units,
            Replications = 5,
            Cost = new MetricSummary("cost", "currency", cost, (2 * cost) - high, high, cost, high),
            Checks =
            [
                new PlanCheck("base", "latency_p99", Measure.LatencyP99S.Name, 1, true,
                    new MetricSummary(Measure.LatencyP99S.Name, "s", feasible ? 0.5 : 1.5, 0.4, feasible ? 0.6 : 1.6, 0.4, 1.6),
                    feasible ? PlanStatus.Met : PlanStatus.Failed),
            ],
        };

        PlanCandidate a = Candidate(1, 2, 8, 8, false), b = Candidate(2, 3, 12, 14, true), c = Candidate(3, 4, 16, 20, true);
        return new PlanOutcome
        {
            Answer = b,
            RunnersUp = [c],
            CheaperFailures = [a],
            Naive = a,
            NaiveUnits = 2,
            Candidates = [a, b, c],
            Request = new PlanRequest { Slo = new SloTargets(LatencyP99S: 1), PeakTps = 20, RatedTpsPerUnit = 10 },
        };
    }
}
