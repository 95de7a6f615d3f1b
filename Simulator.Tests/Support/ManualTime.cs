namespace LookoutSim.Tests.Support;

/// <summary>A clock that stands still until a test moves it (<see cref="NowS"/>, seconds since creation).</summary>
internal sealed class ManualTime : TimeProvider
{
    /// <summary>Seconds since the clock was created.</summary>
    public double NowS { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => (long)Math.Round(NowS * TimeSpan.TicksPerSecond);
}
