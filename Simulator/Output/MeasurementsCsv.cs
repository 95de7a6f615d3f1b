using System.Globalization;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>A measurements file as read: what was measured, each image, and the columns ignored.</summary>
/// <param name="Kind">Latency or TPS.</param>
/// <param name="Rows">One per measured image.</param>
/// <param name="IgnoredColumns">Columns other than the ones used (kept for the user's notes: image name, date, …).</param>
public sealed record Measurements(MeasurementKind Kind, IReadOnlyList<ImageMeasurement> Rows, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Reads the input of <c>lookoutsim calibrate</c>: CSV with a header, one row per measured image,
/// columns <c>width,height,size_mb</c> and either <c>latency_ms</c> or <c>tps</c> (in any order,
/// case-insensitive; other columns are ignored).
/// </summary>
/// <remarks>Every problem (missing column, a value that is not a number, a negative or zero value, a
/// row with the wrong number of fields, an empty file) is collected and thrown as one
/// <see cref="InputFileException"/> with file:line.</remarks>
public static class MeasurementsCsv
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">The file is missing or malformed.</exception>
    public static Measurements Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, Directory.Exists(path) ? "is a folder, not a measurements CSV file" : "no such file");
        }

        // Bounded before it is read whole: /dev/zero or a huge file is refused, not loaded.
        if (InputFiles.TextProblem(path, (long)WorkLimits.MeasurementBytes.Bound) is { } problem)
        {
            throw new InputFileException(path, problem);
        }

        var errors = new List<CsvLineError>();
        LineNumberedCsv? csv = LineNumberedCsv.Read(path, path, errors);
        if (csv is null)
        {
            throw new InputFileException(errors);
        }

        int width = csv.IndexOf("width"), height = csv.IndexOf("height"), size = csv.IndexOf("size_mb");
        int latency = csv.IndexOf("latency_ms"), tps = csv.IndexOf("tps");
        foreach ((string name, int index) in new[] { ("width", width), ("height", height), ("size_mb", size) })
        {
            if (index < 0)
            {
                errors.Add(new CsvLineError(path, 1, $"missing column '{name}' (expected width,height,size_mb and latency_ms or tps)"));
            }
        }

        if (latency < 0 && tps < 0)
        {
            errors.Add(new CsvLineError(path, 1, "missing column 'latency_ms' or 'tps' (what was measured)"));
        }
        else if (latency >= 0 && tps >= 0)
        {
            errors.Add(new CsvLineError(path, 1, "both 'latency_ms' and 'tps' columns: give one kind of measurement per file"));
        }

        MeasurementKind kind = latency >= 0 ? MeasurementKind.LatencyMs : MeasurementKind.Tps;
        int value = latency >= 0 ? latency : tps;
        var rows = new List<ImageMeasurement>();
        if (width >= 0 && height >= 0 && size >= 0 && (latency >= 0 ^ tps >= 0))
        {
            foreach ((int line, string[] f) in csv.Rows)
            {
                double w = Positive(f, width, csv.Header, path, line, errors);
                double h = Positive(f, height, csv.Header, path, line, errors);
                double s = Positive(f, size, csv.Header, path, line, errors);
                double v = Positive(f, value, csv.Header, path, line, errors);
                if (!double.IsNaN(w + h + s + v))
                {
                    rows.Add(new ImageMeasurement(line, w, h, s, v));
                }
            }

            if (csv.Rows.Count == 0 && errors.Count == 0)
            {
                errors.Add(new CsvLineError(path, 2, "no measurements: the file has a header and no rows"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InputFileException(errors.OrderBy(e => e.Line).ToList());
        }

        int[] used = [width, height, size, value];
        var ignored = csv.Header.Where((_, i) => !used.Contains(i)).ToList();
        return new Measurements(kind, rows, ignored);
    }

    private static double Positive(string[] fields, int index, string[] header, string path, int line, List<CsvLineError> errors)
    {
        string text = fields[index];
        string column = header[index];
        if (text.Length == 0)
        {
            errors.Add(new CsvLineError(path, line, $"{column}: missing value"));
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            errors.Add(new CsvLineError(path, line, $"{column}: '{text}' is not a number"));
            return double.NaN;
        }

        if (v < 0)
        {
            errors.Add(new CsvLineError(path, line, $"{column}: {text} is negative"));
            return double.NaN;
        }

        if (v == 0)
        {
            errors.Add(new CsvLineError(path, line, $"{column}: must be greater than 0"));
            return double.NaN;
        }

        return v;
    }
}
