using HdrHistogram;

namespace LookoutSim.Metrics;

/// <summary>
/// An HdrHistogram for one time-series interval: the same buckets, counts and percentiles as a
/// <see cref="LongHistogram"/> of the same range and precision, but <see cref="HistogramBase.Reset"/>
/// clears only the buckets recorded into since the last reset. Its range must cover a whole
/// horizon's latencies (a few thousand buckets), and a replication resets it once per interval, so a
/// full clear each time was a fifth of a replication's time.
/// </summary>
internal sealed class IntervalHistogram : HistogramBase
{
    private readonly long[] _counts;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private long _totalCount;
    private int _lowestUsed = int.MaxValue;
    private int _highestUsed = -1;

    /// <summary>Creates a histogram of values 1 … <paramref name="highestTrackableValue"/> at <paramref name="significantDigits"/> significant digits.</summary>
    public IntervalHistogram(long highestTrackableValue, int significantDigits)
        : base(1, highestTrackableValue, significantDigits)
    {
        _counts = new long[CountsLength(highestTrackableValue, significantDigits)];
        _subBucketHalfCountMagnitude = (int)Math.Ceiling(Math.Log2(2 * Math.Pow(10, significantDigits))) - 1;
        _subBucketHalfCount = 1 << _subBucketHalfCountMagnitude;
    }

    /// <inheritdoc />
    public override long TotalCount
    {
        get => _totalCount;
        protected set => _totalCount = value;
    }

    /// <inheritdoc />
    protected override int WordSizeInBytes => sizeof(long);

    /// <inheritdoc />
    protected override long MaxAllowableCount => long.MaxValue;

    /// <inheritdoc />
    public override HistogramBase Copy()
    {
        var copy = new IntervalHistogram(HighestTrackableValue, NumberOfSignificantValueDigits);
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The same value as <see cref="HistogramBase.GetValueAtPercentile"/>: the highest value equivalent
    /// to the first bucket at which the running count reaches the percentile's count (at least 1),
    /// scanning only the buckets recorded into. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        long wanted = Math.Max(1, (long)((Math.Min(percentile, 100.0) / 100.0 * _totalCount) + 0.5));
        long running = 0;
        for (int i = Math.Max(0, _lowestUsed); i <= _highestUsed; i++)
        {
            running += _counts[i];
            if (running >= wanted)
            {
                return NextNonEquivalentValue(ValueAtIndex(i)) - 1;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    protected override long GetCountAtIndex(int index) => _counts[index];

    /// <inheritdoc />
    protected override void SetCountAtIndex(int index, long value)
    {
        Touch(index);
        _counts[index] = value;
    }

    /// <inheritdoc />
    protected override void IncrementCountAtIndex(int index)
    {
        Touch(index);
        _counts[index]++;
        _totalCount++;
    }

    /// <inheritdoc />
    protected override void AddToCountAtIndex(int index, long addend)
    {
        Touch(index);
        _counts[index] += addend;
        _totalCount += addend;
    }

    /// <inheritdoc />
    protected override void ClearCounts()
    {
        if (_highestUsed >= _lowestUsed)
        {
            Array.Clear(_counts, _lowestUsed, _highestUsed - _lowestUsed + 1);
        }

        _lowestUsed = int.MaxValue;
        _highestUsed = -1;
        _totalCount = 0;
    }

    /// <inheritdoc />
    protected override void CopyCountsInto(long[] target) => Array.Copy(_counts, target, _counts.Length);

    /// <summary>HdrHistogram's counts array length for lowest value 1: (buckets + 1) × half the sub-bucket count.</summary>
    private static int CountsLength(long highest, int digits)
    {
        long singleUnitResolution = 2 * (long)Math.Pow(10, digits);
        int subBucketCount = 1 << (int)Math.Ceiling(Math.Log2(singleUnitResolution));
        long smallestUntrackable = subBucketCount;
        int buckets = 1;
        while (smallestUntrackable <= highest)
        {
            if (smallestUntrackable > long.MaxValue / 2)
            {
                buckets++;
                break;
            }

            smallestUntrackable <<= 1;
            buckets++;
        }

        return (buckets + 1) * (subBucketCount / 2);
    }

    /// <summary>The lowest value of counts index <paramref name="index"/> (HdrHistogram's layout for lowest value 1).</summary>
    private long ValueAtIndex(int index)
    {
        int bucket = (index >> _subBucketHalfCountMagnitude) - 1;
        int subBucket = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= _subBucketHalfCount;
            bucket = 0;
        }

        return (long)subBucket << bucket;
    }

    private void Touch(int index)
    {
        if (index < _lowestUsed)
        {
            _lowestUsed = index;
        }

        if (index > _highestUsed)
        {
            _highestUsed = index;
        }
    }
}
