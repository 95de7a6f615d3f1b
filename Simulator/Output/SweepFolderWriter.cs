using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// A sweep folder being written while the sweep runs elsewhere (<see cref="SweepFolder.Begin"/>):
/// each point's full results folder as the point completes, then <c>sweep.csv</c>, the charts or
/// <c>shard.json</c>, and the rename into place. Disposed without <see cref="Complete"/> (the run
/// failed or was stopped), it leaves nothing behind.
/// </summary>
public sealed class SweepFolderWriter : IDisposable
{
    private readonly SweepDefinition _definition;
    private readonly SweepStaging _staging;
    private readonly SweepWriteOptions _options;
    private readonly string _points;

    internal SweepFolderWriter(SweepDefinition definition, SweepStaging staging, SweepWriteOptions options)
    {
        _definition = definition;
        _staging = staging;
        _options = options;
        try
        {
            _points = Directory.CreateDirectory(Path.Combine(staging.Path, "points")).FullName;
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    /// <summary>Writes a point's full results folder (CSV, JSON, scenario, charts, report), as <c>run</c> writes one, into <c>points/&lt;id&gt;/</c>. Safe to call from several threads for different points.</summary>
    public void WritePoint(SweepPoint point, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(point);
        string folder = Directory.CreateDirectory(SweepFolder.PointFolder(_points, point.Id, _definition.Name)).FullName;
        ResultsFolder.Write(run, folder, new ResultsWriteOptions { Force = true, ReportDate = ReportDate.Now() });
    }

    /// <summary>Writes <c>sweep.csv</c> of <paramref name="table"/>, then <c>shard.json</c> for a shard or the charts for a whole sweep, and moves the folder into place.</summary>
    public void Complete(SweepTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        SweepCsv.Write(table, _staging.Path, _definition.Slo);
        if (_options.Shard is { } shard)
        {
            SweepFolder.WriteManifest(ShardManifest.For(_definition, shard), _staging.Path);
        }
        else
        {
            if (_options.Charts)
            {
                SweepCharts.Draw(table, Path.Combine(_staging.Path, "plots"), _definition.Slo, _definition.Currency);
            }

            SweepReport.Write(table, _definition.Name, _definition.Replications, _definition.Slo, _definition.Currency, _staging.Path);
        }

        cancellationToken.ThrowIfCancellationRequested();
        _staging.Commit();
    }

    /// <inheritdoc/>
    public void Dispose() => _staging.Dispose();
}
