using System.Runtime.InteropServices;

namespace LookoutSim.Cli;

/// <summary>
/// Work a command does only to get ahead (compiling code it will need) on a core it leaves idle:
/// on a thread of its own at the lowest scheduling priority, so that on a busy machine it takes
/// time from other processes' idle moments, not from the command's own main thread.
/// </summary>
internal static class SpareCore
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    /// <summary>Runs <paramref name="work"/> on a new background thread at the lowest priority; its errors are dropped.</summary>
    public static void Start(string name, Action work)
    {
        var thread = new Thread(() =>
        {
            LowerPriority();
            try
            {
                work();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Only a head start: the real work is done, and reports its own errors, on the main thread.
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    /// <summary>
    /// The calling thread's nice value to 19 on Linux, where it is a per-thread attribute (other
    /// systems: left as it is). Raising one's own nice value needs no privilege.
    /// </summary>
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = SetPriority(PrioProcess, 0, Lowest);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library found under that name: the thread keeps the normal priority.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
