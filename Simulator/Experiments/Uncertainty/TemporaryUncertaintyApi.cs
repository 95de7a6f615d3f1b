// TEMPORARY: a local copy of the uncertainty API's shapes, deleted when the real one is merged.
using System.Globalization;
using LookoutSim.Engine;
using LookoutSim.Scenarios;

namespace LookoutSim.Scenarios
{
    /// <summary>Temporary.</summary>
    public sealed record UncertainField
    {
        /// <summary>Path.</summary>
        public required string Path { get; init; }

        /// <summary>Nominal.</summary>
        public required string Nominal { get; init; }

        /// <summary>Low.</summary>
        public required string Low { get; init; }

        /// <summary>High.</summary>
        public required string High { get; init; }

        /// <summary>Values.</summary>
        public EquatableArray<string> Values { get; init; }

        /// <summary>Source.</summary>
        public required string Source { get; init; }

        /// <summary>From a preset.</summary>
        public bool FromPreset { get; init; }

        /// <summary>Value at u.</summary>
        public string ValueAt(double u)
        {
            if (!Values.IsEmpty)
            {
                return Values[Math.Min(Values.Length - 1, (int)Math.Floor(u * Values.Length))];
            }

            (double lo, string unit) = Split(Low);
            (double hi, _) = Split(High);
            double v = lo + (u * (hi - lo));
            return v.ToString("0.###", CultureInfo.InvariantCulture) + unit;
        }

        private static (double, string) Split(string s)
        {
            int i = 0;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            return (double.Parse(s[..i], CultureInfo.InvariantCulture), s[i..]);
        }
    }

    /// <summary>Temporary.</summary>
    public sealed record UncertaintySpec
    {
        /// <summary>Fields.</summary>
        public EquatableArray<UncertainField> Fields { get; init; }

        /// <summary>Empty.</summary>
        public static UncertaintySpec Empty { get; } = new();
    }

    /// <summary>Temporary.</summary>
    public static class UncertaintyOverrides
    {
        /// <summary>path=value.</summary>
        public static IReadOnlyList<string> For(IEnumerable<(string Path, string Value)> values) => [.. values.Select(v => v.Path + "=" + v.Value)];
    }

    /// <summary>Temporary: the spec from LOOKOUTSIM_TEMP_UNC ("path|nominal|low|high;...").</summary>
    public static class TemporaryUncertainty
    {
        /// <summary>The spec.</summary>
        public static UncertaintySpec Of(Scenario scenario)
        {
            _ = scenario;
            string? text = Environment.GetEnvironmentVariable("LOOKOUTSIM_TEMP_UNC");
            if (string.IsNullOrEmpty(text))
            {
                return UncertaintySpec.Empty;
            }

            return new UncertaintySpec
            {
                Fields = EquatableArray.From(text.Split(';').Select(f => f.Split('|')).Select(p => new UncertainField { Path = p[0], Nominal = p[1], Low = p[2], High = p[3], Source = "assumption" })),
            };
        }
    }
}

namespace LookoutSim.Experiments
{
    /// <summary>Temporary.</summary>
    public sealed record UncertaintyPoint(int Index, EquatableArray<UncertaintyValue> Values)
    {
        /// <summary>Overrides.</summary>
        public IReadOnlyList<string> Overrides => UncertaintyOverrides.For(Values.Select(v => (v.Path, v.Value)));
    }

    /// <summary>Temporary.</summary>
    public sealed record UncertaintyValue(string Path, string Value, double U);

    /// <summary>Temporary.</summary>
    public static class UncertaintySample
    {
        /// <summary>LHS.</summary>
        public static IReadOnlyList<UncertaintyPoint> LatinHypercube(UncertaintySpec spec, int n, long seed)
        {
            var stream = new RandomStream(SplitMix64.Mix(unchecked((ulong)seed)));
            var columns = new List<double[]>();
            foreach (UncertainField _ in spec.Fields)
            {
                int[] perm = [.. Enumerable.Range(0, n)];
                for (int i = n - 1; i > 0; i--)
                {
                    int j = stream.NextIndex(i + 1);
                    (perm[i], perm[j]) = (perm[j], perm[i]);
                }

                columns.Add([.. perm.Select(p => (p + stream.NextUnit()) / n)]);
            }

            return [.. Enumerable.Range(0, n).Select(k => new UncertaintyPoint(k + 1, EquatableArray.From(spec.Fields.Select((f, i) => new UncertaintyValue(f.Path, f.ValueAt(columns[i][k]), columns[i][k])))))];
        }

        /// <summary>OAT.</summary>
        public static IReadOnlyList<(UncertainField Field, UncertaintyPoint Low, UncertaintyPoint High)> OneAtATime(UncertaintySpec spec) =>
            [.. spec.Fields.Select((f, i) => (f,
                new UncertaintyPoint((2 * i) + 1, EquatableArray.From(spec.Fields.Select(g => new UncertaintyValue(g.Path, g == f ? f.Low : g.Nominal, g == f ? 0 : 0.5)))),
                new UncertaintyPoint((2 * i) + 2, EquatableArray.From(spec.Fields.Select(g => new UncertaintyValue(g.Path, g == f ? f.High : g.Nominal, g == f ? 1 : 0.5))))))];
    }
}
