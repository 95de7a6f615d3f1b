using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// What <c>plot</c> and <c>report</c> need to redraw a sweep folder, read back from its files: the
/// table (<c>sweep.csv</c>, <see cref="SweepCsv.Read"/>) and, from the first point's results folder
/// (<see cref="ResultsReader"/>), the sweep's name, replications, SLOs and currency.
/// </summary>
/// <param name="Table">The sweep table.</param>
/// <param name="Name">The scenario's name.</param>
/// <param name="Replications">Replications per point.</param>
/// <param name="Slo">The SLO targets.</param>
/// <param name="Currency">The currency of costs.</param>
public sealed record SweepFolderParts(SweepTable Table, string Name, int Replications, SloTargets Slo, string Currency)
{
    /// <summary>
    /// Reads <paramref name="dir"/> when it is a sweep folder (it holds <c>sweep.csv</c>); null otherwise
    /// (a run folder, or not a results folder: the run reader says which).
    /// </summary>
    /// <exception cref="OutputException">A sweep folder whose files cannot be read, with the file (and line).</exception>
    public static SweepFolderParts? TryRead(string dir)
    {
        string csv = Path.Combine(dir, SweepColumns.FileName);
        if (!Directory.Exists(dir) || !File.Exists(csv))
        {
            return null;
        }

        SweepTable table;
        try
        {
            table = SweepCsv.Read(csv);
        }
        catch (FormatException ex)
        {
            throw new OutputException(ex.Message, ex);
        }

        if (table.Rows.Count == 0)
        {
            throw new OutputException($"{OutputFolder.Shown(csv)}: no point; nothing to draw");
        }

        string first = SafePath.Within(dir, Path.Combine("points", table.Rows[0].Point.Id));
        if (!Directory.Exists(first))
        {
            throw new OutputException($"{OutputFolder.Shown(dir)}: points/{DisplayText.Safe(table.Rows[0].Point.Id)} is missing; the sweep's SLOs and currency are read from its first point");
        }

        RunResult point = ResultsReader.Read(first);
        double? Target(string name) => point.Slo.FirstOrDefault(v => v.Name == name) is { } v ? v.Target : null;
        var slo = new SloTargets(Target("latency_p99"), Target("max_failed"), Target("availability"));
        return new SweepFolderParts(table, point.Scenario, point.Replications.Count, slo, point.Currency);
    }
}
