namespace LookoutSim.Model;

/// <summary>
/// A periodic arrival rate λ(t) that is linear on each of its segments (a segment may start at a
/// different value than the previous one ended: a step), and the exact inversion of its integral:
/// the time at which ∫ λ from t reaches a given mass. A non-homogeneous Poisson process is then one
/// unit-exponential mass per arrival (the time-change theorem), with no rejected candidates.
/// </summary>
/// <remarks>
/// The one place the shape of a periodic traffic rate is defined: a source builds its segments
/// (times within the period, the rate at each end) and this class does the rest. A cursor remembers
/// the segment of the last answer, so successive arrivals cost one square root and a division.
/// </remarks>
internal sealed class PiecewiseLinearRate
{
    private readonly double[] _start; // segment i covers [_start[i], _start[i + 1]) within the period; _start[^1] is the period
    private readonly double[] _left;  // λ at the start of segment i
    private readonly double[] _right; // λ at the end of segment i
    private readonly double[] _slope; // (right − left) / length
    private readonly double _period;
    private readonly double _offset;
    private readonly bool _anyMass;
    private int _seg;
    private double _periodStart = double.NaN; // absolute time at which the cursor's period begins

    // The cursor's segment in absolute time: [_a, _b), λ(_a) = _l, λ(_b) = _r, slope _k.
    private double _a = double.NaN;
    private double _b = double.NaN;
    private double _l;
    private double _r;
    private double _k;

    /// <summary>Creates the rate.</summary>
    /// <param name="starts">Segment starts within the period, strictly increasing from 0.</param>
    /// <param name="left">λ at the start of each segment, ≥ 0.</param>
    /// <param name="right">λ at the end of each segment, ≥ 0.</param>
    /// <param name="period">Length of the period, greater than the last start.</param>
    /// <param name="offset">Time into the period at absolute time 0, in [0, period).</param>
    public PiecewiseLinearRate(double[] starts, double[] left, double[] right, double period, double offset)
    {
        int n = starts.Length;
        if (n == 0 || left.Length != n || right.Length != n || starts[0] != 0 || !(period > starts[^1]))
        {
            throw new ArgumentException("segments must start at 0, be as many as their rates and end within the period");
        }

        _start = [.. starts, period];
        _left = [.. left];
        _right = [.. right];
        _slope = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(_start[i + 1] > _start[i]) || !(left[i] >= 0) || !(right[i] >= 0) || double.IsInfinity(left[i]) || double.IsInfinity(right[i]))
            {
                throw new ArgumentException($"segment {i}: starts must increase and rates be finite and non-negative");
            }

            _slope[i] = (right[i] - left[i]) / (_start[i + 1] - _start[i]);
            _anyMass |= left[i] > 0 || right[i] > 0;
        }

        _period = period;
        _offset = offset - (Math.Floor(offset / period) * period);
    }

    /// <summary>The largest λ anywhere.</summary>
    public double Peak => Math.Max(_left.Max(), _right.Max());

    /// <summary>λ(t).</summary>
    public double RateAt(double t)
    {
        Locate(t);
        return _l + (_k * (t - _a));
    }

    /// <summary>
    /// The time t′ ≥ <paramref name="t"/> at which ∫ₜ^t′ λ = <paramref name="mass"/>, or +∞ when it
    /// would be at or past <paramref name="limit"/> (or λ is zero everywhere).
    /// </summary>
    public double Advance(double t, double mass, double limit)
    {
        if (!_anyMass)
        {
            return double.PositiveInfinity;
        }

        Locate(t);
        double u = t;
        while (true)
        {
            double r = _l + (_k * (u - _a)); // λ at u
            double m = 0.5 * (r + _r) * (_b - u); // mass left in the segment
            if (mass <= m)
            {
                double next;
                if (_k == 0 && r > 1e-150 && r < 1e150)
                {
                    // A flat segment (every segment of a step profile): the general form below gives
                    // 2·mass / (r + √(r²)) = 2·mass / 2r, and in binary floating point √(r²) is exactly r
                    // (no overflow or underflow in this range) and the factors 2 are exact, so this is
                    // the same number without the square root.
                    next = u + (mass / r);
                }
                else
                {
                    // r·d + k·d²/2 = mass, in the form without cancellation; the discriminant is ≥ λ(b)² ≥ 0 here
                    double root = r + Math.Sqrt(Math.Max(0, (r * r) + (2 * _k * mass)));
                    next = root > 0 ? u + (2 * mass / root) : u;
                }

                next = Math.Min(next, _b);
                return next < limit ? next : double.PositiveInfinity;
            }

            mass -= m;
            u = _b;
            if (u >= limit)
            {
                return double.PositiveInfinity;
            }

            if (++_seg == _left.Length)
            {
                _seg = 0;
                _periodStart += _period;
            }

            Cache();
        }
    }

    /// <summary>Puts the cursor on the segment containing <paramref name="t"/>.</summary>
    private void Locate(double t)
    {
        if (t >= _a && t < _b)
        {
            return;
        }

        double w = t + _offset;
        _periodStart = (Math.Floor(w / _period) * _period) - _offset;
        double local = t - _periodStart;
        int i = Array.BinarySearch(_start, 0, _left.Length, local);
        _seg = i >= 0 ? i : Math.Max(0, ~i - 1);
        if (_seg < _left.Length - 1 && local >= _start[_seg + 1])
        {
            _seg++;
        }

        Cache();
    }

    private void Cache()
    {
        int i = _seg;
        _a = _periodStart + _start[i];
        _b = _periodStart + _start[i + 1];
        _l = _left[i];
        _r = _right[i];
        _k = _slope[i];
    }
}
