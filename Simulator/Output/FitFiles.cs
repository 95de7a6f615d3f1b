using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using LookoutSim.Experiments.Observed;

namespace LookoutSim.Output;

/// <summary>
/// The folder <c>lookoutsim fit autoscaler</c> writes: <c>fit.csv</c> (one row per candidate: its
/// values of the searched fields, by scenario path, in value syntax, then <c>loss</c> and
/// <c>loss_stderr</c>) and <c>plots/fit-*.png/svg</c>, written atomically like a results folder.
/// </summary>
public static class FitFiles
{
    /// <summary><c>fit.csv</c>.</summary>
    public const string CsvFile = "fit.csv";

    /// <summary>The kind written in the folder's manifest.</summary>
    public const string ManifestKind = "fit";

    /// <summary>The longest path (characters) written inside the folder.</summary>
    public const int Deepest = 64;

    /// <summary>How many runners-up <c>--json</c> lists.</summary>
    public const int RunnersUp = 5;

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The header of <c>fit.csv</c> for <paramref name="fit"/>'s fields.</summary>
    public static IReadOnlyList<string> Header(FitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return ["candidate", .. fit.Parameters.Select(p => p.Path), "loss", "loss_stderr"];
    }

    /// <summary>Writes the folder; returns its full path.</summary>
    /// <param name="fit">The search's result.</param>
    /// <param name="charts">The loss charts.</param>
    /// <param name="outDir">The folder as given.</param>
    /// <param name="target">Its full path, as <see cref="OutputFolder.CheckTarget"/> returned it.</param>
    /// <param name="force">Replace an existing folder LookoutSim wrote.</param>
    /// <param name="inputs">Files the fit read (never replaced).</param>
    /// <param name="ct">Stops the write; nothing is left behind.</param>
    public static string Write(FitResult fit, IReadOnlyList<Chart> charts, string outDir, string target, bool force, IReadOnlyList<string> inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(charts);
        string temp;
        try
        {
            temp = OutputFolder.BeginTemp(target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write the fit folder '{OutputFolder.Shown(outDir)}': {OutputFolder.Shown(ex.Message)}", ex);
        }

        try
        {
            WriteCsv(fit, Path.Combine(temp, CsvFile));
            string plots = Path.Combine(temp, ResultsFolder.PlotsFolder);
            Directory.CreateDirectory(plots);
            foreach (Chart chart in charts)
            {
                chart.Save(plots);
            }

            ct.ThrowIfCancellationRequested();
            OutputFolder.Commit(temp, target, outDir, force, ManifestKind, inputs);
            return target;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            OutputFolder.Discard(temp);
            throw new OutputException($"cannot write the fit folder '{OutputFolder.Shown(outDir)}': {OutputFolder.Shown(ex.Message)}", ex);
        }
        catch
        {
            OutputFolder.Discard(temp);
            throw;
        }
    }

    /// <summary>Writes <c>fit.csv</c>: every candidate in evaluation order.</summary>
    public static void WriteCsv(FitResult fit, string path)
    {
        ArgumentNullException.ThrowIfNull(fit);
        using CsvWriter csv = ResultsCsv.Open(path, Header(fit));
        foreach (FitCandidate c in fit.Candidates)
        {
            csv.WriteField(NumberText.Format(c.Order + 1));
            for (int p = 0; p < fit.Parameters.Count; p++)
            {
                CsvCells.Write(csv, fit.Value(c, p));
            }

            csv.WriteField(NumberText.Format(c.Loss));
            csv.WriteField(NumberText.Format(c.LossStdErr));
            csv.EndRecord();
        }
    }

    /// <summary>
    /// The <c>--json</c> answer: <c>{"best": {PATH: VALUE, …}, "loss": L, "loss_stderr": SE,
    /// "candidates": N, "runners_up": [{"values": {PATH: VALUE, …}, "loss": L}, …]}</c>, values in value syntax.
    /// </summary>
    public static void WriteJson(FitResult fit, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(w);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            WriteValues(json, "best", fit, fit.Best);
            json.WriteFiniteOrNull("loss", fit.Best.Loss);
            json.WriteFiniteOrNull("loss_stderr", fit.Best.LossStdErr);
            json.WriteNumber("candidates", fit.Candidates.Count);
            json.WriteStartArray("runners_up");
            foreach (FitCandidate c in fit.RunnersUp(RunnersUp))
            {
                json.WriteStartObject();
                WriteValues(json, "values", fit, c);
                json.WriteFiniteOrNull("loss", c.Loss);
                json.WriteFiniteOrNull("loss_stderr", c.LossStdErr);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteValues(Utf8JsonWriter json, string name, FitResult fit, FitCandidate c)
    {
        json.WriteStartObject(name);
        for (int p = 0; p < fit.Parameters.Count; p++)
        {
            json.WriteString(fit.Parameters[p].Path, fit.Value(c, p));
        }

        json.WriteEndObject();
    }
}
