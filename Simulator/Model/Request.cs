using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// One client request (one image) from its first attempt to its final answer. Pooled: an instance
/// is reused for later requests once it has ended, so nothing outside the model may keep one.
/// </summary>
public sealed class Request
{
    /// <summary>Id, unique within the replication, from 1.</summary>
    public long Id { get; internal set; }

    /// <summary>Index of the traffic source in <see cref="ModelConfig.Traffic"/>.</summary>
    public int Source { get; internal set; }

    /// <summary>Index of the image in the model's image catalog.</summary>
    public int Image { get; internal set; }

    /// <summary>Time of the first attempt, seconds.</summary>
    public double Arrival { get; internal set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Whether it arrived at or after warm-up (and so counts in the measures).</summary>
    public bool Counted { get; internal set; }

    /// <summary>Zone of the unit that took the last attempt, or −1.</summary>
    public int LastZone { get; internal set; } = -1;

    /// <summary>Whether it is still open.</summary>
    public bool Active { get; internal set; }

    // Bumped at every attempt and at the end, never reset across reuse: answers and timer events
    // carrying an older stamp belong to an abandoned attempt or an earlier request.
    internal long Stamp;
    internal Client Client = null!;
    internal BatchJob? Job;
}
