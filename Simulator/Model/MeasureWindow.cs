namespace LookoutSim.Model;

/// <summary>
/// A span of the horizon whose arrivals are also measured on their own (the "during outages"
/// measures): requests arriving in [<paramref name="From"/>, <paramref name="To"/>), seconds from the start.
/// </summary>
/// <param name="From">First second of the window, inclusive.</param>
/// <param name="To">End of the window, exclusive; above <paramref name="From"/>.</param>
public readonly record struct MeasureWindow(double From, double To)
{
    /// <summary>Length, seconds.</summary>
    public double Length => To - From;
}
