using System.Globalization;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// What every matrix-Rényi computation does with its inputs before any Gram: a scale-free snapshot of each variable,
/// the kernel width in the data's units and in the snapshot's, and the call's memory plan.
/// </summary>
internal static partial class RenyiEngine
{
    /// <summary>
    /// The kernel width relative to the snapshot (whose largest magnitude lies in [1, 2)) must stay within 10^±150:
    /// beyond, every kernel value between distinct observations is 0 (or 1) to double precision and the estimate is
    /// log N (or 0) whatever the data, and σ² leaves the normal doubles.
    /// </summary>
    private const double WidthRange = 1e150;

    /// <summary>
    /// One variable ready for its Gram matrix: a double copy multiplied by 2^−<see cref="Exponent"/> (exact; its largest
    /// magnitude lies in [1, 2)) and checked finite. The Gram of x with width σ is the Gram of x·2^−E with width σ·2^−E,
    /// bit for bit, so data anywhere in the finite double range give the same kernel values as at unit scale, and a
    /// caller's buffer that changes during the estimate cannot reach it.
    /// </summary>
    internal readonly record struct GramInput(Samples Values, int Exponent);

    /// <summary>The snapshot of <paramref name="samples"/> (see <see cref="GramInput"/>).</summary>
    /// <exception cref="ArgumentException">A value is NaN or ±∞ (also one written into the buffer after validation).</exception>
    internal static GramInput Prepare(Samples samples, string name)
    {
        var (values, exponent) = PowerOfTwoColumns.NormaliseWhole(samples);
        Guard.Finite(values, name);
        return new GramInput(values, exponent);
    }

    /// <summary>
    /// σ for <paramref name="input"/>: in the data's units (reported) and in the snapshot's (used). A rule that reads the
    /// distances (the median) gets the snapshot's, which are free of overflow.
    /// </summary>
    /// <exception cref="ArgumentException">σ is more than 10^150 times larger or smaller than the data's scale.</exception>
    internal static (double Reported, double Scaled) Width(Bandwidth rule, GramInput input, ReadOnlySpan<double> squaredDistances, string name)
    {
        int n = input.Values.Count, d = input.Values.Dimensions;
        double reported, scaled;
        if (rule.NeedsDistances)
        {
            scaled = rule.Resolve(n, d, squaredDistances);
            reported = Math.ScaleB(scaled, input.Exponent);
        }
        else
        {
            reported = rule.Resolve(n, d, default);
            scaled = Math.ScaleB(reported, -input.Exponent);
        }

        if (!(scaled >= 1 / WidthRange && scaled <= WidthRange) || !double.IsFinite(reported))
        {
            string limit = scaled < 1 ? "0 (every observation its own cluster: the estimate is log N)" : "1 (all observations alike: the estimate is 0)";
            throw new ArgumentException(
                $"The kernel width σ = {reported.ToString("G4", CultureInfo.InvariantCulture)} ({rule}) is more than 1e150 times " +
                $"{(scaled < 1 ? "smaller" : "larger")} than the scale of {name} (largest |value| ≈ 2^{input.Exponent.ToString(CultureInfo.InvariantCulture)}): " +
                $"every kernel value between distinct observations would be {limit} whatever the data. Give a width in the data's units " +
                "(the median rule follows the data), or rescale the data.",
                rule is { } r && r.ToString().StartsWith("fixed", StringComparison.Ordinal) ? "sigma" : "Bandwidth");
        }

        return (reported, scaled);
    }

    /// <summary>
    /// The call's memory plan, checked before anything is allocated: <paramref name="matrices"/> N×N matrices at once plus
    /// <paramref name="otherBytes"/>(N) (snapshots, the backend's workspace) must fit in
    /// <see cref="MatrixRenyiOptions.MaxMemoryBytes"/>. The plan is a function of N so that the refusal can name the
    /// largest N that fits.
    /// </summary>
    /// <exception cref="ArgumentException">They do not; the message says what they need and what would fit.</exception>
    internal static void RequireMemory(MatrixRenyiOptions options, int n, int matrices, Func<int, long> otherBytes, string what)
    {
        long budget = options.MaxMemoryBytes;
        double matrixBytes = (double)n * n * sizeof(double);
        double Need(int m) => matrices * (double)m * m * sizeof(double) + otherBytes(m);
        double need = Need(n);
        bool tooLong = matrices > 0 && (long)n * n > Array.MaxLength;
        if (need <= budget && !tooLong)
        {
            return;
        }

        // The largest N whose plan fits (the plan grows with N): bisection below N and the longest array's limit.
        int fit = 0, above = (int)Math.Min(n, matrices > 0 ? Math.Sqrt(Array.MaxLength) + 1 : n);
        while (above - fit > 1)
        {
            int mid = fit + (above - fit) / 2;
            if (Need(mid) <= budget)
            {
                fit = mid;
            }
            else
            {
                above = mid;
            }
        }

        long other = otherBytes(n);
        throw new ArgumentException(
            $"{what}, N = {n} observations: {Describe(need)} at once ({matrices} N×N matrices of {Describe(matrixBytes)}" +
            $"{(other > 0 ? $" and {Describe(other)} of inputs and workspace" : "")}), over the memory budget left for it, " +
            $"{Describe(budget)} (MatrixRenyiOptions.MaxMemoryBytes; --max-memory in the CLI). What fits: N ≤ " +
            $"{fit.ToString("N0", CultureInfo.InvariantCulture)} observations, alpha = 2 with a fixed, Silverman or Scott width " +
            "(it streams pair sums: no N×N matrix), or a larger budget.",
            "samples");
    }

    /// <summary>
    /// Bytes of double snapshots of <paramref name="variables"/> and of the distance helper's copy of each, for
    /// <paramref name="rows"/> observations of each.
    /// </summary>
    internal static long SnapshotBytes(IReadOnlyList<Samples> variables, int rows) =>
        variables.Sum(v => 2L * rows * v.Dimensions * sizeof(double) + 2L * rows * sizeof(double));

    private static string Describe(double bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (1L << 10)).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " bytes",
    };
}
