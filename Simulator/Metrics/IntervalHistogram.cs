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
    private long _totalCount;
    private int _lowestUsed = int.MaxValue;
    private int _highestUsed = -1;

    /// <summary>Creates a histogram of values 1 … <paramref name="highestTrackableValue"/> at <paramref name="significantDigits"/> significant digits.</summary>
    public IntervalHistogram(long highestTrackableValue, int significantDigits)
        : base(1, highestTrackableValue, significantDigits)
    {
        _counts = new long[CountsLength(highestTrackableValue, significantDigits)];
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
