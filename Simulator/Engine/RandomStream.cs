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
    /// <remarks>A 32-bit draw times n &lt; 2³¹ fits in 64 bits: one plain multiplication.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextIndex(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive");
        }

        ulong bound = (ulong)n;
        ulong m = (NextULong() >> 32) * bound;
        if ((m & 0xFFFFFFFFUL) < bound)
        {
            m = Rejected(m, bound);
        }

        return (int)(m >> 32);
    }

    /// <summary>An exponential variate with the given mean, by inversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double mean) => -Math.Log(NextUnitOpenZero()) * mean;

    /// <summary>
    /// A standard normal variate by the ziggurat method (Marsaglia and Tsang 2000, 256 layers, with
    /// Doornik's 2005 correction: the layer index and the abscissa come from disjoint bits of one
    /// 64-bit draw). About 99% of draws cost one 64-bit draw, a multiplication and a comparison;
    /// the rest test the density or draw from the tail (Marsaglia's 1964 method), so the variate is
    /// exactly normal. Pinned by Kolmogorov–Smirnov tests against MathNet's normal CDF.
    /// </summary>
    public double NextStandardNormal()
    {
        ReadOnlySpan<double> x = Ziggurat.X;
        while (true)
        {
            ulong bits = NextULong();
            int i = (int)(bits & 0xFF);
            double u = (2.0 * ((bits >> 11) * UnitScale)) - 1.0; // [−1, 1) from bits 11…63
            double z = u * x[i];
            if (Math.Abs(z) < x[i + 1])
            {
                return z;
            }

            if (i == 0)
            {
                return NormalTail(u < 0);
            }

            ReadOnlySpan<double> f = Ziggurat.F;
            if (f[i + 1] + ((f[i] - f[i + 1]) * NextUnit()) < Math.Exp(-0.5 * z * z))
            {
                return z;
            }
        }
    }

    /// <summary>The rare rejection loop of <see cref="NextIndex"/>, out of its inlined path.</summary>
    private ulong Rejected(ulong m, ulong bound)
    {
        ulong threshold = (0x1_0000_0000UL - bound) % bound;
        while ((m & 0xFFFFFFFFUL) < threshold)
        {
            m = (NextULong() >> 32) * bound;
        }

        return m;
    }

    /// <summary>A standard normal variate beyond the ziggurat's base strip, |z| > R (Marsaglia's tail method).</summary>
    private double NormalTail(bool negative)
    {
        double a;
        double b;
        do
        {
            a = -Math.Log(NextUnitOpenZero()) / Ziggurat.R;
            b = -Math.Log(NextUnitOpenZero());
        }
        while (b + b < a * a);

        return negative ? -(Ziggurat.R + a) : Ziggurat.R + a;
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

/// <summary>
/// The tables of the 256-layer normal ziggurat: x[i] the right edge of layer i (x[0] the base
/// strip's virtual width v / f(R), x[1] = R, x[256] = 0) and f[i] = exp(−x[i]²/2), built once
/// from R and the common layer area v (Marsaglia and Tsang 2000).
/// </summary>
internal static class Ziggurat
{
    /// <summary>The start of the tail: the right edge of the base layer.</summary>
    public const double R = 3.6541528853610088;

    /// <summary>The area of each layer (the base layer includes the tail), under exp(−x²/2).</summary>
    private const double V = 0.00492867323399;

    /// <summary>Right edges, 257 of them.</summary>
    public static readonly double[] X = BuildX();

    /// <summary>exp(−x²/2) at each edge.</summary>
    public static readonly double[] F = [.. X.Select((x, i) => i == 256 ? 1.0 : Math.Exp(-0.5 * x * x))];

    private static double[] BuildX()
    {
        var x = new double[257];
        x[0] = V / Math.Exp(-0.5 * R * R);
        x[1] = R;
        for (int i = 2; i < 256; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log((V / x[i - 1]) + Math.Exp(-0.5 * x[i - 1] * x[i - 1])));
        }

        x[256] = 0;
        return x;
    }
}
