using System.Runtime.CompilerServices;
using MathNet.Numerics.Random;

namespace LookoutSim.Engine;

/// <summary>
/// One named, independent stream of random numbers: xoshiro256** 1.0 (Blackman and Vigna), the
/// algorithm of MathNet's <see cref="Xoshiro256StarStar"/>, with its 256-bit state filled by
/// SplitMix64 from a 64-bit key. MathNet's class takes only a 32-bit seed, too few to keep
/// hundreds of streams × replications apart, so the state is set here; for a key that fits an
/// <see cref="int"/> the sequence is exactly MathNet's (a test pins this). It derives from
/// MathNet's <see cref="RandomSource"/>, so MathNet's distributions sample from it directly.
/// </summary>
/// <remarks>Not thread-safe by design: each stream belongs to one replication on one thread.</remarks>
public sealed class RandomStream : RandomSource
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates the stream whose state SplitMix64 derives from <paramref name="key"/>.</summary>
    public RandomStream(ulong key)
        : base(threadSafe: false)
    {
        ulong x = key;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
        return result;
    }

    /// <summary>A uniform number in [0, 1), 53 bits; the fast, non-virtual path for the model.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextUnit() => (NextULong() >> 11) * UnitScale;

    /// <summary>A uniform number in (0, 1]: safe under a logarithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextUnitOpenZero() => ((NextULong() >> 11) + 1) * UnitScale;

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire's method).</summary>
    public int NextIndex(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive");
        }

        ulong bound = (ulong)n;
        UInt128 m = (UInt128)(NextULong() >> 32) * bound;
        ulong low = (ulong)m & 0xFFFFFFFFUL;
        if (low < bound)
        {
            ulong threshold = (0x1_0000_0000UL - bound) % bound;
            while (low < threshold)
            {
                m = (UInt128)(NextULong() >> 32) * bound;
                low = (ulong)m & 0xFFFFFFFFUL;
            }
        }

        return (int)(ulong)(m >> 32);
    }

    /// <summary>An exponential variate with the given mean, by inversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double mean) => -Math.Log(NextUnitOpenZero()) * mean;

    /// <summary>
    /// A standard normal variate by Marsaglia's polar method, the algorithm and the draws of
    /// MathNet's <c>Normal.Sample(rng, 0, 1)</c> (a test pins the equality), without its virtual
    /// calls: two uniforms in (−1, 1) until they fall inside the unit circle, the second variate
    /// of the pair discarded.
    /// </summary>
    public double NextStandardNormal()
    {
        while (true)
        {
            double v1 = (2.0 * NextUnit()) - 1.0;
            double v2 = (2.0 * NextUnit()) - 1.0;
            double r = (v1 * v1) + (v2 * v2);
            if (r < 1.0 && r != 0.0)
            {
                return v1 * Math.Sqrt(-2.0 * Math.Log(r) / r);
            }
        }
    }

    /// <inheritdoc />
    protected override double DoSample() => NextUnit();

    /// <inheritdoc />
    protected override int DoSampleInteger()
    {
        while (true)
        {
            ulong r = NextULong() & 0x7FFF_FFFFUL;
            if (r != 0x7FFF_FFFFUL)
            {
                return (int)r;
            }
        }
    }

    /// <inheritdoc />
    protected override void DoSampleBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            ulong x = NextULong();
            for (int b = 0; b < 8 && i + b < buffer.Length; b++)
            {
                buffer[i + b] = (byte)(x >> (8 * b));
            }
        }
    }

    /// <inheritdoc />
    protected override int DoSampleInt32WithNBits(int bitCount) => (int)(NextULong() >> (64 - bitCount));

    /// <inheritdoc />
    protected override long DoSampleInt64WithNBits(int bitCount) => (long)(NextULong() >> (64 - bitCount));
}
