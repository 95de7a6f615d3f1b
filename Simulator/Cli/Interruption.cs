using System.Runtime.InteropServices;

namespace LookoutSim.Cli;

/// <summary>
/// The one place where Ctrl+C (SIGINT), SIGTERM and SIGHUP are handled, for every verb: the first
/// signal cancels <see cref="Token"/> (the token every command's work and writing observe, so that
/// temporaries are removed and nothing half-written is left), and the process exits with
/// <see cref="ExitCode"/> (128 + the signal's number: 130, 143, 129). A second signal is not
/// held back: the process ends at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signal;

    private Interruption()
    {
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal was received.</summary>
    public bool Interrupted => Volatile.Read(ref _signal) != 0;

    /// <summary>The exit code for the signal received: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP); 130 when none was.</summary>
    public int ExitCode => Volatile.Read(ref _signal) switch
    {
        0 => 130,
        int s => 128 + s,
    };

    /// <summary>Starts listening to SIGINT, SIGTERM and SIGHUP, until disposed.</summary>
    public static Interruption Listen()
    {
        var interruption = new Interruption();
        foreach ((PosixSignal signal, int number) in new[] { (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1) })
        {
            try
            {
                interruption._registrations.Add(PosixSignalRegistration.Create(signal, context => interruption.OnSignal(context, number)));
            }
            catch (PlatformNotSupportedException)
            {
                // This platform has no such signal.
            }
        }

        return interruption;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context, int number)
    {
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0)
        {
            return; // the second signal: let it end the process
        }

        context.Cancel = true;
        _cancel.Cancel();
    }
}
