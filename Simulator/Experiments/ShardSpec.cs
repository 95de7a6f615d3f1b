using System.Globalization;

namespace LookoutSim.Experiments;

/// <summary>
/// Which share of a sweep's points one process runs: shard <see cref="K"/> of <see cref="N"/>, 1-based.
/// Point i (0-based, sweep order) belongs to shard (i mod N) + 1 — round robin, so shards get
/// interleaved points and similar work even when cost grows along a swept field.
/// </summary>
/// <param name="K">This shard, 1 … N.</param>
/// <param name="N">Number of shards, ≥ 1.</param>
public readonly record struct ShardSpec(int K, int N)
{
    /// <summary>The array-job index variables <c>--shard auto/N</c> reads, in this order of precedence.</summary>
    public static readonly IReadOnlyList<string> IndexVariables =
        ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "SLURM_ARRAY_TASK_ID"];

    /// <summary>The whole sweep as one shard.</summary>
    public static ShardSpec Whole => new(1, 1);

    /// <summary>Whether this shard is the whole sweep.</summary>
    public bool IsWhole => N == 1;

    /// <summary>Whether point <paramref name="index"/> (0-based) belongs to this shard.</summary>
    public bool Owns(int index) => index % N == K - 1;

    /// <summary>The indices of this shard's points among <paramref name="totalPoints"/>, ascending.</summary>
    public IReadOnlyList<int> PointIndices(int totalPoints) =>
        Enumerable.Range(0, totalPoints).Where(Owns).ToArray();

    /// <summary><c>K/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{K}/{N}");

    /// <summary>
    /// Parses <c>K/N</c> (1 ≤ K ≤ N) or <c>auto/N</c>. For <c>auto</c>, K comes from the first
    /// variable of <see cref="IndexVariables"/> that is set:
    /// <list type="bullet">
    /// <item><c>JOB_COMPLETION_INDEX</c> (Kubernetes Indexed Job) and <c>AWS_BATCH_JOB_ARRAY_INDEX</c> (AWS Batch array job) are 0-based: K = index + 1.</item>
    /// <item><c>SLURM_ARRAY_TASK_ID</c> is taken relative to the array's first index: K = ID − <c>SLURM_ARRAY_TASK_MIN</c> + 1,
    /// so <c>--array=0-3</c> and <c>--array=1-4</c> both give shards 1 … 4 (the array must be a contiguous range with step 1).
    /// Without <c>SLURM_ARRAY_TASK_MIN</c> the ID is taken as 0-based. When <c>SLURM_ARRAY_TASK_COUNT</c> is set it must equal N.</item>
    /// </list>
    /// </summary>
    /// <param name="text">The option's value.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="FormatException">With a message for the user when the value or the environment is wrong.</exception>
    public static ShardSpec Parse(string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
        {
            throw new FormatException($"--shard must be K/N or auto/N with N ≥ 1 (got '{text}')");
        }

        int k;
        if (parts[0] == "auto")
        {
            k = FromEnvironment(n, environment);
        }
        else if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out k))
        {
            throw new FormatException($"--shard must be K/N or auto/N (got '{text}')");
        }

        if (k < 1 || k > n)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--shard {text}: shard {k} is outside 1…{n} (shards are 1-based)"));
        }

        return new ShardSpec(k, n);
    }

    private static int FromEnvironment(int n, Func<string, string?> environment)
    {
        foreach (string name in IndexVariables)
        {
            string? value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
            {
                throw new FormatException($"--shard auto: {name}='{value}' is not an integer");
            }

            if (name != "SLURM_ARRAY_TASK_ID")
            {
                return index + 1;
            }

            string? count = environment("SLURM_ARRAY_TASK_COUNT");
            if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c != n)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--shard auto/{n}: the Slurm array has {c} tasks (SLURM_ARRAY_TASK_COUNT), not {n}"));
            }

            string? min = environment("SLURM_ARRAY_TASK_MIN");
            return int.TryParse(min, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int first)
                ? index - first + 1
                : index + 1;
        }

        throw new FormatException("--shard auto/N needs one of " + string.Join(", ", IndexVariables) + " (set by the array job); none is set");
    }
}
