using System.Text;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>
/// The two tables of a sensitivity folder, invariant culture, <c>\n</c> line ends, text cells
/// through <see cref="CsvCells"/>, numbers through <see cref="NumberText"/> (shortest round-trip form,
/// empty for no value):
/// <list type="bullet">
/// <item><c>sensitivity.csv</c>: one row per (measure, field), measures in <see cref="Metrics.KeyMeasures"/>
/// order and fields by rank (largest swing first) within each; columns <see cref="SensitivityColumns"/>.</item>
/// <item><c>uncertainty.csv</c>: one row per sample point: <c>index</c>, each field's value (columns named by
/// the field paths), then each key measure's mean over the replications.</item>
/// </list>
/// </summary>
public static class SensitivityCsv
{
    /// <summary>The file name of the one-at-a-time table.</summary>
    public const string SensitivityFile = "sensitivity.csv";

    /// <summary>The file name of the sample table.</summary>
    public const string UncertaintyFile = "uncertainty.csv";

    /// <summary>
    /// The columns of <c>sensitivity.csv</c>: those of the spec, then the 95% interval of the swing
    /// (of the paired differences, <see cref="SensitivityAnalysis"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> SensitivityColumns =
    [
        "field", "low", "high", "measure",
        "at_low", "at_low_ci95_low", "at_low_ci95_high",
        "nominal",
        "at_high", "at_high_ci95_low", "at_high_ci95_high",
        "swing", "swing_ci95_low", "swing_ci95_high",
    ];

    /// <summary>The text of <c>sensitivity.csv</c>.</summary>
    public static string FormatSensitivity(SensitivityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(CsvCells.Line(SensitivityColumns)).Append('\n');
        foreach (SensitivityRow r in result.Rows)
        {
            sb.Append(CsvCells.Line([r.Field.Path, r.Field.Low, r.Field.High, r.Measure]));
            foreach (double v in new[]
                     {
                         r.AtLow.Mean, r.AtLow.Ci95Low, r.AtLow.Ci95High,
                         r.Nominal.Mean,
                         r.AtHigh.Mean, r.AtHigh.Ci95Low, r.AtHigh.Ci95High,
                         r.Swing.Mean, r.Swing.Ci95Low, r.Swing.Ci95High,
                     })
            {
                sb.Append(',').Append(NumberText.Format(v));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The header of <c>uncertainty.csv</c> for a run.</summary>
    public static IReadOnlyList<string> UncertaintyColumns(SensitivityData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ["index", .. data.Fields.Select(f => f.Path), .. data.Measures];
    }

    /// <summary>The text of <c>uncertainty.csv</c>.</summary>
    public static string FormatUncertainty(SensitivityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(CsvCells.Line(UncertaintyColumns(result.Data))).Append('\n');
        foreach (SensitivitySampleRow row in result.Sample)
        {
            sb.Append(NumberText.Format(row.Index));
            foreach (string v in row.Values)
            {
                sb.Append(',').Append(CsvCells.Field(v));
            }

            foreach (Metrics.MetricSummary m in row.Measures)
            {
                sb.Append(',').Append(NumberText.Format(m.Mean));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes both files into <paramref name="folder"/>.</summary>
    public static void Write(SensitivityResult result, string folder)
    {
        File.WriteAllText(Path.Combine(folder, SensitivityFile), FormatSensitivity(result), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, UncertaintyFile), FormatUncertainty(result), new UTF8Encoding(false));
    }
}
