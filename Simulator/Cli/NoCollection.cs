using System.Runtime;

namespace LookoutSim.Cli;

/// <summary>
/// A stretch of a command in which the garbage collector stops no thread: room for
/// <c>bytes</c> of allocations is set aside up front (<see cref="GC.TryStartNoGCRegion(long)"/>),
/// and the stretch ends early by itself when more than that is allocated. <c>run</c> uses it while
/// its spare core rehearses the results folder during the simulation (so that the rehearsal's
/// collections never pause the simulation thread) and while it writes the folder.
/// </summary>
internal static class NoCollection
{
    /// <summary>Starts the stretch; null when the runtime refuses it (too large, or one is already on).</summary>
    public static IDisposable? Begin(long bytes)
    {
        try
        {
            return GC.TryStartNoGCRegion(bytes) ? new Stretch() : null;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether a stretch is on now (it ends by itself once its room is used up).</summary>
    public static bool IsOn => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    private sealed class Stretch : IDisposable
    {
        public void Dispose()
        {
            if (!IsOn)
            {
                return; // ended by itself: more was allocated than set aside
            }

            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile by a collection the runtime had to make.
            }
        }
    }
}
