using LookoutSim.Engine;

namespace LookoutSim.Model;

/// <summary>
/// One attempt of a request as the front end and the units see it. Pooled. It outlives its
/// request's interest when the client times out: the unit still serves it to the end.
/// </summary>
public sealed class Call
{
    /// <summary>The request, valid while <see cref="Stamp"/> equals the request's stamp.</summary>
    public Request Request { get; internal set; } = null!;

    /// <summary>Image catalog index.</summary>
    public int Image { get; internal set; }

    /// <summary>Whether the request was counted (arrived after warm-up).</summary>
    public bool Counted { get; internal set; }

    /// <summary>Admission time (arrival at the unit or the shared queue), seconds.</summary>
    public double Admitted { get; internal set; }

    /// <summary>Start of service, seconds.</summary>
    public double Started { get; internal set; }

    internal long Stamp;
    internal EventHandle Completion;
}
