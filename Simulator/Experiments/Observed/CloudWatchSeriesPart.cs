namespace LookoutSim.Experiments.Observed;

/// <summary>Where something was read: the file as the user named it, a JSON path, and the line and column (1-based; 0 when not known).</summary>
/// <param name="File">The file.</param>
/// <param name="JsonPath">The JSON path (<c>$.MetricDataResults[2].Values[17]</c>).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based byte column on the line.</param>
public readonly record struct JsonPlace(string File, string JsonPath, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column} ({JsonPath})" : $"{File} ({JsonPath})";
}

/// <summary>One datapoint as a file gave it: its timestamp, its value and where it is (24 bytes: a 30-day, 1-minute series of 43,200 is 1 MB).</summary>
/// <param name="UtcTicks">The period's start, UTC ticks.</param>
/// <param name="Value">The value (<c>get-metric-data</c>); for <c>get-metric-statistics</c>, NaN (see <see cref="CloudWatchSeriesPart.Statistics"/>).</param>
/// <param name="Index">Its index in the file's array (for the JSON path).</param>
/// <param name="Line">The line its timestamp is on.</param>
public readonly record struct CloudWatchDatapoint(long UtcTicks, double Value, int Index, int Line)
{
    /// <summary>The period's start.</summary>
    public DateTimeOffset Time => new(UtcTicks, TimeSpan.Zero);
}

/// <summary>The statistics one <c>get-metric-statistics</c> datapoint holds (NaN when absent) and its unit.</summary>
/// <param name="Sum"><c>Sum</c>.</param>
/// <param name="Average"><c>Average</c>.</param>
/// <param name="SampleCount"><c>SampleCount</c>.</param>
/// <param name="Maximum"><c>Maximum</c>.</param>
/// <param name="Unit"><c>Unit</c>, or null.</param>
public readonly record struct CloudWatchStatistics(double Sum, double Average, double SampleCount, double Maximum, string? Unit);

/// <summary>
/// One series as one file holds it: a <c>MetricDataResults[]</c> entry of <c>get-metric-data</c>
/// (several files, or several entries, may hold pages of the same series) or the whole of a
/// <c>get-metric-statistics</c> answer.
/// </summary>
public sealed class CloudWatchSeriesPart
{
    /// <summary>Where the entry starts (<c>$.MetricDataResults[i]</c>, or <c>$</c> for statistics).</summary>
    public required JsonPlace Place { get; init; }

    /// <summary>True for <c>get-metric-statistics</c> output (datapoints carry named statistics).</summary>
    public required bool FromStatistics { get; init; }

    /// <summary>The entry's <c>Id</c> (get-metric-data), or null.</summary>
    public string? Id { get; set; }

    /// <summary>The entry's <c>Label</c>, or null.</summary>
    public string? Label { get; set; }

    /// <summary><c>StatusCode</c> (<c>Complete</c>, <c>PartialData</c>, …), or null.</summary>
    public string? StatusCode { get; set; }

    /// <summary>The datapoints, in the file's order (newest first, for get-metric-data by default).</summary>
    public List<CloudWatchDatapoint> Points { get; } = [];

    /// <summary>For <c>get-metric-statistics</c>: each datapoint's statistics, parallel to <see cref="Points"/>; else empty.</summary>
    public List<CloudWatchStatistics> Statistics { get; } = [];

    /// <summary>The path of datapoint <paramref name="index"/>'s value.</summary>
    public string ValuePath(int index) => FromStatistics ? $"$.Datapoints[{index}]" : $"{Place.JsonPath}.Values[{index}]";

    /// <summary>The name the series is shown by: its label, else its id.</summary>
    public string Shown => Label ?? Id ?? "(no label)";
}
