using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace LookoutSim.Experiments;

/// <summary>What a measurements file measured.</summary>
public enum MeasurementKind
{
    /// <summary><c>latency_ms</c>: single requests on an idle unit, so the service time is the latency.</summary>
    LatencyMs,

    /// <summary><c>tps</c>: one unit saturated, so the service time is concurrency / TPS.</summary>
    Tps,
}

/// <summary>One measured image.</summary>
/// <param name="Line">Line in the measurements file (for messages).</param>
/// <param name="Width">Width, pixels.</param>
/// <param name="Height">Height, pixels.</param>
/// <param name="SizeMb">Size, MB (10^6 bytes).</param>
/// <param name="Value">Latency in milliseconds or throughput in calls/s, by <see cref="MeasurementKind"/>.</param>
public readonly record struct ImageMeasurement(int Line, double Width, double Height, double SizeMb, double Value)
{
    /// <summary>Megapixels: width × height / 10^6.</summary>
    public double Megapixels => Width * Height / 1e6;
}

/// <summary>One fitted coefficient of the service-time model, in milliseconds (per MP or per MB).</summary>
/// <param name="Name"><c>base</c>, <c>per_megapixel</c> or <c>per_megabyte</c>.</param>
/// <param name="ValueMs">The estimate, ms (ms/MP, ms/MB), never negative.</param>
/// <param name="StandardErrorMs">Its standard error, ms; NaN when clamped at 0 or when the fit has no residual degrees of freedom.</param>
/// <param name="Clamped">True when the coefficient is 0 because a positive value would not improve the fit (non-negative least squares).</param>
/// <param name="UnconstrainedMs">The ordinary least-squares estimate without the non-negativity constraint (NaN when the columns are exactly collinear).</param>
public sealed record CalibrationCoefficient(string Name, double ValueMs, double StandardErrorMs, bool Clamped, double UnconstrainedMs);

/// <summary>The fitted service-time model and how well it fits.</summary>
/// <param name="Kind">What was measured.</param>
/// <param name="Concurrency">Requests a unit serves at once (used for TPS and in the printed block).</param>
/// <param name="Points">Measurements used.</param>
/// <param name="Coefficients">base, per_megapixel, per_megabyte, in that order.</param>
/// <param name="RSquared">Coefficient of determination of the fit (NaN when every service time is equal).</param>
/// <param name="ResidualCv">Root mean square of residual / fitted value, with n − p degrees of freedom: the <c>cv</c> to use.</param>
/// <param name="Distribution"><c>lognormal</c> when <see cref="ResidualCv"/> &gt; 0.05 or the measurements are TPS (their spread is only a lower bound), else <c>deterministic</c>.</param>
/// <param name="ConditionNumber">Condition number of the design matrix [1, MP, MB] with unit-length columns.</param>
/// <param name="Correlation">Correlation of megapixels with megabytes over the images (NaN when one is constant).</param>
/// <param name="Warnings">What the planner should know before using the numbers.</param>
public sealed record CalibrationResult(
    MeasurementKind Kind,
    int Concurrency,
    int Points,
    IReadOnlyList<CalibrationCoefficient> Coefficients,
    double RSquared,
    double ResidualCv,
    string Distribution,
    double ConditionNumber,
    double Correlation,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The <c>cv</c> of the block to paste: the residual cv, except for TPS measurements, whose residual cv
    /// is only a lower bound on the spread of single service times: there it is at least the scenario
    /// format's default cv (<see cref="Calibration.AssumedTpsCv"/>), so tail latency is not understated.
    /// </summary>
    public double ServiceCv => Kind == MeasurementKind.Tps
        ? Math.Max(double.IsNaN(ResidualCv) ? 0 : ResidualCv, Calibration.AssumedTpsCv)
        : ResidualCv;

    /// <summary>base, ms.</summary>
    public CalibrationCoefficient Base => Coefficients[0];

    /// <summary>per_megapixel, ms per MP.</summary>
    public CalibrationCoefficient PerMegapixel => Coefficients[1];

    /// <summary>per_megabyte, ms per MB.</summary>
    public CalibrationCoefficient PerMegabyte => Coefficients[2];
}

/// <summary>
/// <c>lookoutsim calibrate</c>: fits S = base + per_megapixel × MP + per_megabyte × MB to measured
/// service times by non-negative least squares.
/// </summary>
/// <remarks>
/// <para>Service time: the latency for <see cref="MeasurementKind.LatencyMs"/> (single requests on
/// an idle unit: no queueing, so latency = service time, network overhead included in base);
/// concurrency / TPS for <see cref="MeasurementKind.Tps"/> (one unit saturated).</para>
/// <para>Weighted least squares: a service time drawn with mean S and coefficient of variation cv
/// has standard deviation cv × S, so each measurement is weighted by 1/S² (S from the previous
/// iteration of the fit, first from the measurement), iterated until the coefficients settle.</para>
/// <para>Non-negative least squares is solved exactly by enumerating the 8 sets of free columns:
/// the NNLS optimum is the ordinary least-squares fit on its free columns, so the best feasible
/// subset fit is the optimum. Subsets whose columns are linearly dependent are skipped (a smaller
/// subset spans the same fits).</para>
/// <para>Standard errors: σ² = weighted RSS / (n − p) over the p free columns, covariance
/// σ² (XᵀWX)⁻¹ on them (conditional on the clamped ones being 0). R² is that of the fit on the
/// original scale, 1 − RSS/TSS. The residual cv is √(Σ((y − ŷ)/ŷ)² / (n − p)),
/// the spread of a measurement around its fitted mean, which is the <c>cv</c> of the service-time
/// distribution when each measurement is one request.</para>
/// </remarks>
public static class Calibration
{
    /// <summary>The coefficient names, in column order.</summary>
    public static readonly IReadOnlyList<string> Names = ["base", "per_megapixel", "per_megabyte"];

    /// <summary>The units of the coefficients, in column order.</summary>
    public static readonly IReadOnlyList<string> Units = ["ms", "ms/MP", "ms/MB"];

    /// <summary>A residual cv at or below this suggests <c>deterministic</c>.</summary>
    public const double DeterministicCv = 0.05;

    /// <summary>The cv pasted for TPS measurements when their lower bound is below it: the scenario format's default <c>service.cv</c>.</summary>
    public const double AssumedTpsCv = 0.3;

    /// <summary>Fewer measurements than this draw a warning.</summary>
    public const int MinimumPoints = 5;

    /// <summary>|correlation| of megapixels and megabytes above this draws the collinearity warning.</summary>
    public const double CollinearCorrelation = 0.98;

    /// <summary>Condition number (unit-length columns) above this draws a generic collinearity warning (Belsley's 30).</summary>
    public const double CollinearCondition = 30;

    /// <summary>A measurement whose relative residual exceeds this many cv is named in a warning.</summary>
    public const double OutlierCvs = 4;

    private const int MaxIterations = 50;

    /// <summary>The service time of one measurement, ms.</summary>
    public static double ServiceTimeMs(MeasurementKind kind, ImageMeasurement m, int concurrency) =>
        kind == MeasurementKind.LatencyMs ? m.Value : 1000.0 * concurrency / m.Value;

    /// <summary>Fits the model to <paramref name="measurements"/>.</summary>
    /// <exception cref="ArgumentException">No measurements, or concurrency below 1.</exception>
    public static CalibrationResult Fit(MeasurementKind kind, IReadOnlyList<ImageMeasurement> measurements, int concurrency = 1)
    {
        if (measurements.Count == 0)
        {
            throw new ArgumentException("no measurements", nameof(measurements));
        }

        if (concurrency < 1)
        {
            throw new ArgumentException("concurrency must be at least 1", nameof(concurrency));
        }

        int n = measurements.Count;
        Matrix<double> x = Matrix<double>.Build.Dense(n, 3, (i, j) => j switch
        {
            0 => 1.0,
            1 => measurements[i].Megapixels,
            _ => measurements[i].SizeMb,
        });
        Vector<double> y = Vector<double>.Build.Dense(n, i => ServiceTimeMs(kind, measurements[i], concurrency));

        if (y.Any(v => !(v > 0) || !double.IsFinite(v)))
        {
            throw new ArgumentException("every service time must be positive and finite", nameof(measurements));
        }

        // Iteratively reweighted: the noise of a service time is proportional to its mean (a
        // distribution with mean S and a fixed cv), so each row is weighted by 1/S², S from the last
        // fit (first from the measurement itself). Ordinary least squares would let the largest,
        // noisiest images dominate and understate the standard errors.
        Vector<double> scale = y.Map(v => 1 / v);
        (int[] Free, Vector<double> Beta, double Rss) fit = ([], Vector<double>.Build.Dense(0), 0);
        double[] coef = new double[3];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            fit = NonNegativeLeastSquares(ScaleRows(x, scale), y.PointwiseMultiply(scale));
            double[] next = new double[3];
            for (int k = 0; k < fit.Free.Length; k++)
            {
                next[fit.Free[k]] = fit.Beta[k];
            }

            Vector<double> predicted = x * Vector<double>.Build.DenseOfArray(next);
            bool converged = next.Zip(coef).All(p => Math.Abs(p.First - p.Second) <= 1e-10 * (1 + Math.Abs(p.First)));
            coef = next;
            if (converged || predicted.Any(v => !(v > 0)) || iteration == MaxIterations - 1)
            {
                break;
            }

            scale = predicted.Map(v => 1 / v);
        }

        int[] free = fit.Free;
        int dof = n - free.Length;
        double[] se = [double.NaN, double.NaN, double.NaN];
        if (dof > 0 && free.Length > 0)
        {
            Matrix<double> xf = ScaleRows(Columns(x, free), scale);
            Matrix<double> cov = xf.TransposeThisAndMultiply(xf).Inverse() * (fit.Rss / dof);
            for (int k = 0; k < free.Length; k++)
            {
                se[free[k]] = Math.Sqrt(Math.Max(0, cov[k, k]));
            }
        }

        double[] unconstrained = [double.NaN, double.NaN, double.NaN];
        if (FullRank(x))
        {
            Vector<double> ols = ScaleRows(x, scale).QR().Solve(y.PointwiseMultiply(scale));
            unconstrained = [ols[0], ols[1], ols[2]];
        }

        Vector<double> fitted = x * Vector<double>.Build.DenseOfArray(coef);
        double mean = y.Average();
        double tss = y.Sum(v => (v - mean) * (v - mean));
        double rss = y.Subtract(fitted).DotProduct(y.Subtract(fitted));
        double r2 = tss > 0 ? 1 - (rss / tss) : double.NaN;
        double cv = double.NaN;
        if (dof > 0 && fitted.All(f => f > 0))
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double r = (y[i] - fitted[i]) / fitted[i];
                sum += r * r;
            }

            cv = Math.Sqrt(sum / dof);
        }

        double[] mp = measurements.Select(m => m.Megapixels).ToArray();
        double[] mb = measurements.Select(m => m.SizeMb).ToArray();
        double corr = Correlation(mp, mb);
        double condition = ScaledCondition(x);

        var coefficients = new List<CalibrationCoefficient>(3);
        for (int j = 0; j < 3; j++)
        {
            coefficients.Add(new CalibrationCoefficient(Names[j], coef[j], se[j], !free.Contains(j), unconstrained[j]));
        }

        List<string> warnings = Warnings(kind, n, free.Length, mp, mb, corr, condition, coefficients, cv);
        warnings.AddRange(Outliers(measurements, y, fitted, cv));
        string distribution = kind == MeasurementKind.Tps || cv > DeterministicCv ? "lognormal" : "deterministic";
        return new CalibrationResult(kind, concurrency, n, coefficients, r2, cv, distribution, condition, corr, warnings);
    }

    /// <summary>Exact non-negative least squares for a few columns: the best ordinary least-squares
    /// fit over the subsets of columns whose coefficients all come out non-negative.</summary>
    /// <returns>The free columns (ascending), their coefficients and the residual sum of squares.</returns>
    internal static (int[] Free, Vector<double> Beta, double Rss) NonNegativeLeastSquares(Matrix<double> x, Vector<double> y)
    {
        int p = x.ColumnCount;
        (int[] Free, Vector<double> Beta, double Rss) best = ([], Vector<double>.Build.Dense(0), y.DotProduct(y));
        double scale = Math.Max(best.Rss, double.Epsilon);

        // Larger subsets first, so that among equal fits the one with more free columns wins.
        IEnumerable<int> masks = Enumerable.Range(1, (1 << p) - 1)
            .OrderByDescending(m => int.PopCount(m))
            .ThenBy(m => m);
        foreach (int mask in masks)
        {
            int[] free = Enumerable.Range(0, p).Where(j => (mask & (1 << j)) != 0).ToArray();
            Matrix<double> xf = Columns(x, free);
            if (!FullRank(xf))
            {
                continue;
            }

            Vector<double> beta = xf.QR().Solve(y);
            if (beta.Any(b => b < 0))
            {
                continue;
            }

            Vector<double> r = y - (xf * beta);
            double rss = r.DotProduct(r);
            if (rss < best.Rss - (1e-12 * scale))
            {
                best = (free, beta, rss);
            }
        }

        return best;
    }

    /// <summary>A warning naming (by file line) the measurements more than <see cref="OutlierCvs"/> cv from the fit.</summary>
    private static IEnumerable<string> Outliers(IReadOnlyList<ImageMeasurement> measurements, Vector<double> y, Vector<double> fitted, double cv)
    {
        if (!(cv > 0))
        {
            yield break;
        }

        string[] outliers = Enumerable.Range(0, y.Count)
            .Where(i => fitted[i] > 0 && Math.Abs((y[i] - fitted[i]) / fitted[i]) > OutlierCvs * cv)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"line {measurements[i].Line} ({(y[i] - fitted[i]) / fitted[i] * 100:+0;-0}%)"))
            .ToArray();
        if (outliers.Length > 0)
        {
            yield return $"{string.Join(", ", outliers.Take(5))}{(outliers.Length > 5 ? ", …" : "")}: more than {OutlierCvs.ToString(CultureInfo.InvariantCulture)} cv from the fit "
                + "(a cold start, a retry, a busy unit?); check them, they weigh on every coefficient";
        }
    }

    private static List<string> Warnings(
        MeasurementKind kind, int n, int freeCount, double[] mp, double[] mb, double corr, double condition,
        List<CalibrationCoefficient> coefficients, double cv)
    {
        var warnings = new List<string>();
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        string Unit(CalibrationCoefficient c) => Units[Names.ToList().IndexOf(c.Name)];
        if (n < MinimumPoints || n <= coefficients.Count)
        {
            warnings.Add($"only {n.ToString(CultureInfo.InvariantCulture)} measurement(s): 3 coefficients need at least {MinimumPoints.ToString(CultureInfo.InvariantCulture)} "
                + "(better 20 or more), of images of varied resolution and size; standard errors and cv are unreliable or missing");
        }

        bool mpConstant = RelativeSpread(mp) < 0.01;
        bool mbConstant = RelativeSpread(mb) < 0.01;
        bool specific = false;
        if (mpConstant)
        {
            warnings.Add("every image has (nearly) the same resolution: per_megapixel is not identifiable (it cannot be told apart from base); measure images of several resolutions");
            specific = true;
        }

        if (mbConstant)
        {
            warnings.Add("every image has (nearly) the same size in MB: per_megabyte is not identifiable (it cannot be told apart from base); measure images of several sizes");
            specific = true;
        }

        if (!mpConstant && !mbConstant && Math.Abs(corr) > CollinearCorrelation)
        {
            warnings.Add($"size_mb is (nearly) proportional to megapixels (correlation {corr.ToString("0.0000", CultureInfo.InvariantCulture)}): "
                + "per_megapixel and per_megabyte are not identifiable separately, only their combined effect is; "
                + "measure images of one resolution at several sizes (e.g. JPEG quality) and of one size at several resolutions");
            specific = true;
        }

        if (!specific && condition > CollinearCondition)
        {
            warnings.Add($"the columns 1, megapixels and size_mb are nearly collinear (condition number {N(condition)}): the coefficients are poorly determined, see their standard errors");
        }

        foreach (CalibrationCoefficient c in coefficients.Where(c => c.Clamped))
        {
            warnings.Add(double.IsNaN(c.UnconstrainedMs)
                ? $"{c.Name} is clamped at 0 (the columns are collinear; a fit with it free is not unique)"
                : $"{c.Name} is clamped at 0: without the constraint it would be {N(c.UnconstrainedMs)} {Unit(c)} (negative); the model cannot use a negative term");
        }

        foreach (CalibrationCoefficient c in coefficients.Where(c => !c.Clamped && c.StandardErrorMs > c.ValueMs))
        {
            warnings.Add($"{c.Name} = {N(c.ValueMs)} ± {N(c.StandardErrorMs)} {Unit(c)}: not distinguishable from 0 at this noise");
        }

        if (kind == MeasurementKind.Tps && !double.IsNaN(cv))
        {
            warnings.Add("TPS measurements are averages over many requests: their spread understates the spread of single service times, "
                + "so cv is a lower bound; measure single-request latencies (latency_ms) to estimate cv");
        }

        if (freeCount == 0)
        {
            warnings.Add("every coefficient is 0: the measurements do not fit the model");
        }

        return warnings;
    }

    private static Matrix<double> ScaleRows(Matrix<double> x, Vector<double> scale) =>
        Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => x[i, j] * scale[i]);

    private static Matrix<double> Columns(Matrix<double> x, int[] columns) =>
        Matrix<double>.Build.Dense(x.RowCount, columns.Length, (i, k) => x[i, columns[k]]);

    private static bool FullRank(Matrix<double> x)
    {
        if (x.RowCount < x.ColumnCount)
        {
            return false;
        }

        double[] s = x.Svd(computeVectors: false).S.ToArray();
        return s.Length > 0 && s[^1] > s[0] * 1e-10;
    }

    /// <summary>Condition number of <paramref name="x"/> after scaling each column to unit length.</summary>
    private static double ScaledCondition(Matrix<double> x)
    {
        if (x.RowCount < x.ColumnCount)
        {
            return double.PositiveInfinity;
        }

        Matrix<double> scaled = x.NormalizeColumns(2.0);
        double[] s = scaled.Svd(computeVectors: false).S.ToArray();
        return s[^1] > 0 ? s[0] / s[^1] : double.PositiveInfinity;
    }

    private static double RelativeSpread(double[] v)
    {
        double mean = v.Average();
        return mean > 0 ? Statistics.PopulationStandardDeviation(v) / mean : 0;
    }

    /// <summary>Pearson's correlation, or NaN when either is constant.</summary>
    private static double Correlation(double[] a, double[] b) =>
        Statistics.PopulationVariance(a) > 0 && Statistics.PopulationVariance(b) > 0 ? MathNet.Numerics.Statistics.Correlation.Pearson(a, b) : double.NaN;
}
