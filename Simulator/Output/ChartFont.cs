using ScottPlot;

namespace LookoutSim.Output;

/// <summary>
/// The one font of every chart LookoutSim draws (run charts, sweep charts, the plan chart): the
/// first sans-serif family installed, so that charts look the same wherever the fonts are.
/// </summary>
/// <remarks>
/// ScottPlot gives every new label, legend and text the process-wide <see cref="Fonts.Default"/>,
/// which starts as the system's default typeface (often a serif) and which <c>plot.Font.Set</c>
/// silently replaces. Left alone, a chart's font would depend on which charts the process drew
/// before it: <c>sweep</c> drew its sweep charts in sans after the points' charts, <c>merge</c>
/// (which draws no point chart) in serif. Every plot is therefore made by <see cref="NewPlot"/>.
/// </remarks>
internal static class ChartFont
{
    private static readonly Lazy<string> Family = new(() =>
    {
        foreach (string name in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans" })
        {
            using SkiaSharp.SKTypeface? face = SkiaSharp.SKFontManager.Default.MatchFamily(name);
            if (face is not null && string.Equals(face.FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return Fonts.Sans;
    });

    /// <summary>The family name every chart uses.</summary>
    public static string Sans => Family.Value;

    /// <summary>
    /// A new plot whose title, axes, legend and every text added to it later are in <see cref="Sans"/>,
    /// whatever was drawn before in the process.
    /// </summary>
    public static Plot NewPlot()
    {
        // Before the plot exists: its legend and axes take their font name from the default.
        Fonts.Default = Sans;
        var plot = new Plot();
        Apply(plot);
        return plot;
    }

    /// <summary>Sets <see cref="Sans"/> on the plot's title, axes (including those added since it was made) and legend.</summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Font.Set(Sans);
        plot.Legend.FontName = Sans;
    }
}
