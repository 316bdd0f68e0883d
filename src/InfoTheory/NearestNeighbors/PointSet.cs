using System.Numerics;

namespace InfoTheory.NearestNeighbors;

/// <summary>
/// A compact row-major copy (N × d doubles) of observations that the k-NN paths own, so they may rescale, jitter and
/// reorder it; memory O(N·d). The k-NN paths prepare it in a fixed order: <see cref="Copy"/> the raw values,
/// <see cref="Normalise"/> them (a power of two, or per-column standard deviations; it returns the raw columns'
/// statistics, from which constant columns and anisotropy are judged), look for exact repeats (<see cref="Repeats"/>),
/// and only then <see cref="Jitter"/>.
/// </summary>
internal sealed class PointSet
{
    private PointSet(double[] data, int count, int dimensions, double[] logScales, bool[] constant, int frame)
    {
        Data = data;
        Count = count;
        Dimensions = dimensions;
        LogScales = logScales;
        Constant = constant;
        Frame = frame;
    }

    public double[] Data { get; }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>
    /// Per column, ln of the factor the stored values were divided by (0 for a raw copy): raw = stored · e^LogScales[c].
    /// An entropy of the stored values plus the sum of these over its columns is the entropy of the raw values.
    /// </summary>
    public double[] LogScales { get; }

    /// <summary>Per column, whether it is constant (set by <see cref="Normalise"/>; constant columns are stored apart).</summary>
    public bool[] Constant { get; }

    /// <summary>The power of two f the set was multiplied by, 2^−f, after the column scales (set by <see cref="Normalise"/>).</summary>
    public int Frame { get; private set; }

    public ReadOnlySpan<double> Row(int i) => Data.AsSpan(i * Dimensions, Dimensions);

    /// <summary>The points as samples for a <see cref="ComputeBackend"/> (no copy).</summary>
    public Samples AsSamples() => new(Data, Dimensions);

    /// <summary>The observations of several variables side by side (the joint space), raw.</summary>
    public static PointSet Copy(ReadOnlySpan<Samples> variables)
    {
        int n = variables[0].Count, d = 0;
        foreach (var v in variables)
        {
            d += v.Dimensions;
        }

        var data = new double[(long)n * d > int.MaxValue ? throw new ArgumentException($"N·d = {(long)n * d} values exceed one array; use fewer observations.") : n * d];
        int column = 0;
        foreach (var v in variables)
        {
            int dv = v.Dimensions;
            for (int i = 0; i < n; i++)
            {
                v.CopyRowTo(i, data.AsSpan(i * d + column, dv));
            }

            column += dv;
        }

        // The estimators validated the caller's buffers before this copy; a value written into one since then (another
        // thread) must not reach the neighbor search as NaN distances.
        if (!double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(data)) && data.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException(
                "The samples changed while the estimate was reading them: they now hold NaN or ±∞. Do not write to a buffer an estimate is reading.",
                "samples");
        }

        return new PointSet(data, n, d, new double[d], new bool[d], 0);
    }

    /// <summary>The columns [start, start + count) as a new point set (a marginal of a joint space), with their scales.</summary>
    public PointSet Columns(int start, int count)
    {
        var data = new double[Count * count];
        for (int i = 0; i < Count; i++)
        {
            Data.AsSpan(i * Dimensions + start, count).CopyTo(data.AsSpan(i * count, count));
        }

        return new PointSet(data, Count, count, LogScales.AsSpan(start, count).ToArray(), Constant.AsSpan(start, count).ToArray(), Frame);
    }

    /// <summary>
    /// 2^−e when it is a normal double (then x·2^−e is exactly Math.ScaleB(x, −e), one correctly rounded product, and
    /// faster), else 0: the caller uses Math.ScaleB.
    /// </summary>
    internal static double PowerOfTwo(int e) => e is >= -1022 and <= 1022 ? Math.ScaleB(1.0, -e) : 0;

    /// <summary>A copy with every stored value multiplied by 2^<paramref name="exponent"/> (exact, or flushed towards 0).</summary>
    public PointSet Scaled(int exponent)
    {
        var data = new double[Data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Math.ScaleB(Data[i], exponent);
        }

        return new PointSet(data, Count, Dimensions, [.. LogScales.Select(s => s - exponent * Math.Log(2))], (bool[])Constant.Clone(), Frame - exponent);
    }

    /// <summary>Σ LogScales over the columns [start, start + count): the log-Jacobian to add to an entropy of them.</summary>
    public double LogJacobian(int start, int count)
    {
        double sum = 0;
        foreach (double s in LogScales.AsSpan(start, count))
        {
            sum += s;
        }

        return sum;
    }

    /// <summary>
    /// Rescales the stored values of one or more point sets of the same dimension (a divergence's P and Q) and returns
    /// the pooled statistics of their raw columns. Each column c is first divided by a column scale s_c: 1 (the raw
    /// data; the norm keeps seeing the columns' relative scales, as the estimators are defined), or with
    /// <paramref name="standardize"/> the pooled standard deviation (the same ruler for every set). Then each set is
    /// multiplied by its own power of two 2^−f (its <see cref="Frame"/>) that brings its largest magnitude near 1.
    /// Powers of two are exact in floating point, so squared distances, standard deviations and the jitter are free of
    /// overflow and underflow for data anywhere in the finite double range, and the same data times any power of two
    /// give bit-identical stored values (with standardisation, times any power of two per column). Each set gets its
    /// own frame because two samples whose scales differ by more than ~10¹⁵⁰ cannot share one: squared distances of the
    /// smaller would underflow. A constant column (which no distance sees) is only brought to [1, 2) by its own power
    /// of two, so neither its value nor its jitter swamps the other columns; it does not set the frame.
    /// </summary>
    public static ColumnStatistics[] Normalise(ReadOnlySpan<PointSet> sets, bool standardize)
    {
        int d = sets[0].Dimensions;
        var stats = ColumnStatistics.Of(sets);
        // x / s_c = ScaleB(x, −shift_c) / mantissa_c.
        var shift = new int[d];
        var mantissa = new double[d];
        for (int c = 0; c < d; c++)
        {
            (shift[c], mantissa[c]) = stats[c].Constant ? (stats[c].Exponent, 1.0) : standardize ? (stats[c].Exponent, stats[c].Deviation) : (0, 1.0);
        }

        foreach (var set in sets)
        {
            var data = set.Data;
            var maxAbs = new double[d];
            for (int i = 0; i < set.Count; i++)
            {
                for (int c = 0; c < d; c++)
                {
                    maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(data[i * d + c]));
                }
            }

            // The frame: the power of two of the largest |x / s_c| over the varying columns (to within a factor 2).
            int frame = int.MinValue;
            for (int c = 0; c < d; c++)
            {
                if (!stats[c].Constant && maxAbs[c] > 0)
                {
                    frame = Math.Max(frame, Math.ILogB(maxAbs[c]) - shift[c] - Math.ILogB(mantissa[c]));
                }
            }

            frame = frame == int.MinValue ? 0 : frame;
            set.Frame = frame;
            for (int c = 0; c < d; c++)
            {
                int e = stats[c].Constant ? shift[c] : shift[c] + frame;
                set.Constant[c] = stats[c].Constant;
                set.LogScales[c] = Math.Log(mantissa[c]) + e * Math.Log(2);
            }

            var factor = new double[d];
            for (int c = 0; c < d; c++)
            {
                factor[c] = PowerOfTwo(stats[c].Constant ? shift[c] : shift[c] + frame);
            }

            for (int i = 0; i < set.Count; i++)
            {
                for (int c = 0; c < d; c++)
                {
                    // The power of two is exact; the division by a standard deviation is one rounding.
                    int e = stats[c].Constant ? shift[c] : shift[c] + frame;
                    double v = data[i * d + c];
                    data[i * d + c] = (factor[c] > 0 ? v * factor[c] : Math.ScaleB(v, -e)) / mantissa[c];
                }
            }
        }

        return stats;
    }

    /// <summary>
    /// The columns [start, start + count) as a new point set in its own frame: its varying columns multiplied by the
    /// power of two 2^−g that brings their largest magnitude near 1 (exact), so that a marginal much smaller than the
    /// rest of the joint space keeps its distances. An entropy of it needs count_varying·g·ln 2 more log-Jacobian than
    /// the joint's columns carry: that is <paramref name="logJacobian"/>.
    /// </summary>
    public PointSet Marginal(int start, int count, out double logJacobian)
    {
        var m = Columns(start, count);
        double maxAbs = 0;
        int varying = 0;
        for (int c = 0; c < count; c++)
        {
            if (m.Constant[c])
            {
                continue;
            }

            varying++;
            for (int i = 0; i < m.Count; i++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(m.Data[i * count + c]));
            }
        }

        int g = maxAbs > 0 ? Math.ILogB(maxAbs) : 0;
        logJacobian = varying * g * Math.Log(2);
        if (g != 0)
        {
            for (int c = 0; c < count; c++)
            {
                if (!m.Constant[c])
                {
                    m.LogScales[c] += g * Math.Log(2);
                    for (int i = 0; i < m.Count; i++)
                    {
                        m.Data[i * count + c] = Math.ScaleB(m.Data[i * count + c], -g);
                    }
                }
            }

            m.Frame += g;
        }

        return m;
    }

    /// <summary>
    /// Exact repeats among the rows restricted to the columns [start, start + count): how many observations have at
    /// least <paramref name="copies"/> other rows equal to theirs (so that their <paramref name="copies"/>-th neighbor
    /// is at distance 0 without jitter), and the largest number of equal rows. Hashing, O(N·count).
    /// </summary>
    public RepeatCount Repeats(int start, int count, int copies)
    {
        var first = FirstEqualRows(Data, Dimensions, start, count, Count);
        var multiplicity = new int[Count];
        foreach (int f in first)
        {
            multiplicity[f]++;
        }

        int affected = 0, largest = 1;
        foreach (int m in multiplicity)
        {
            largest = Math.Max(largest, m);
            affected += m - 1 >= copies ? m : 0;
        }

        return new RepeatCount(affected, largest);
    }

    /// <summary>
    /// For each row of this set, the number of rows of <paramref name="other"/> (same dimension) equal to it. Hashing,
    /// O((N + M)·d), over one buffer holding the other's rows and then this set's.
    /// </summary>
    public int[] OccurrencesIn(PointSet other)
    {
        int m = other.Count, d = Dimensions;
        var both = new double[(long)(m + Count) * d];
        other.Data.CopyTo(both, 0);
        Data.CopyTo(both, m * d);
        var first = FirstEqualRows(both, d, 0, d, m + Count);
        var inOther = new int[m + Count];
        for (int j = 0; j < m; j++)
        {
            inOther[first[j]]++;
        }

        var result = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            result[i] = inOther[first[m + i]];
        }

        return result;
    }

    /// <summary>
    /// For each of the first <paramref name="rows"/> rows of <paramref name="data"/> (restricted to the columns
    /// [start, start + count)), the index of the first row equal to it (−0 equals +0: their distance is 0). An
    /// open-addressing hash table of row indices at load ≤ 1/2, so O(rows·count) expected and 4 bytes per slot.
    /// </summary>
    private static int[] FirstEqualRows(double[] data, int stride, int start, int count, int rows)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * rows));
        var table = new int[size];
        Array.Fill(table, -1);
        var first = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = data.AsSpan(i * stride + start, count);
            ulong h = 0x9E3779B97F4A7C15UL;
            foreach (double v in row)
            {
                h = (h ^ (v == 0 ? 0UL : (ulong)BitConverter.DoubleToInt64Bits(v))) * 0xBF58476D1CE4E5B9UL;
                h ^= h >> 31;
            }

            int slot = (int)(h & (uint)(size - 1));
            while (true)
            {
                int j = table[slot];
                if (j < 0)
                {
                    table[slot] = first[i] = i;
                    break;
                }

                if (Same(row, data.AsSpan(j * stride + start, count)))
                {
                    first[i] = j;
                    break;
                }

                slot = (slot + 1) & (size - 1);
            }
        }

        return first;
    }

    private static bool Same(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int c = 0; c < a.Length; c++)
        {
            if (a[c] != b[c])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Adds seeded Gaussian noise of standard deviation <paramref name="amplitude"/> × the feature's scale to every
    /// stored value: the feature's standard deviation, or max(1, |value|) for a constant feature (stored units, i.e.
    /// after <see cref="Normalise"/>, so the noise is the same fraction of the data at any scale; a constant column is
    /// stored in [1, 2), so its noise is about amplitude × the data's magnitude).
    /// </summary>
    public void Jitter(double amplitude, int seed)
    {
        if (amplitude == 0)
        {
            return;
        }

        int n = Count, d = Dimensions;
        var stats = ColumnStatistics.Of([this]);
        var scale = new double[d];
        for (int k = 0; k < d; k++)
        {
            scale[k] = amplitude * (stats[k].Deviation > 0 ? stats[k].Deviation * Math.ScaleB(1.0, stats[k].Exponent) : Math.Max(1, Math.Abs(Data[k])));
        }

        var random = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                Data[i * d + k] += scale[k] * RandomDraws.StandardNormal(random);
            }
        }
    }
}

/// <summary>How many observations have enough exact copies to put their k-th neighbor at distance 0, and the largest repeat count.</summary>
/// <param name="Affected">Observations with at least the given number of OTHER rows equal to theirs.</param>
/// <param name="Largest">The largest number of equal rows (1 when all rows are distinct).</param>
internal readonly record struct RepeatCount(int Affected, int Largest);

/// <summary>
/// The raw statistics of one column (pooled over several point sets), computed without overflow: the column's power
/// of two E (its largest magnitude lies in [2^E, 2^(E+1))), its mean and standard deviation (divisor N − 1) at that
/// scale, whether every value is the same, and the first value.
/// </summary>
/// <param name="Exponent">E = ILogB(max |x|), 0 for an all-zero column.</param>
/// <param name="Deviation">The standard deviation of x·2^−E (0 for a constant column).</param>
/// <param name="Constant">True when there are at least two values and every one equals the first (exactly).</param>
/// <param name="First">The first value (the constant, for a constant column).</param>
internal readonly record struct ColumnStatistics(int Exponent, double Deviation, bool Constant, double First)
{
    /// <summary>ln of the raw standard deviation, ln(Deviation) + E·ln 2 (−∞ for a constant column).</summary>
    public double LogDeviation => Math.Log(Deviation) + Exponent * Math.Log(2);

    /// <summary>The statistics of every column of the sets taken together (same dimension); three passes, O(N·d).</summary>
    public static ColumnStatistics[] Of(ReadOnlySpan<PointSet> sets)
    {
        int d = sets[0].Dimensions;
        var maxAbs = new double[d];
        var constant = new bool[d];
        var first = new double[d];
        Array.Fill(constant, true);
        sets[0].Row(0).CopyTo(first);
        long n = 0;
        foreach (var set in sets)
        {
            n += set.Count;
            var data = set.Data;
            for (int i = 0; i < set.Count; i++)
            {
                for (int c = 0; c < d; c++)
                {
                    double v = data[i * d + c];
                    maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(v));
                    constant[c] &= v == first[c];
                }
            }
        }

        var exponent = new int[d];
        var mean = new double[d];
        for (int c = 0; c < d; c++)
        {
            exponent[c] = maxAbs[c] > 0 ? Math.ILogB(maxAbs[c]) : 0;
        }

        foreach (var set in sets)
        {
            Accumulate(set, exponent, mean, null);
        }

        for (int c = 0; c < d; c++)
        {
            mean[c] /= n;
        }

        var ss = new double[d];
        foreach (var set in sets)
        {
            Accumulate(set, exponent, ss, mean);
        }

        var result = new ColumnStatistics[d];
        for (int c = 0; c < d; c++)
        {
            // One observation is not evidence of a constant column (a divergence's q may have m = k = 1 rows).
            double deviation = constant[c] || n < 2 ? 0 : Math.Sqrt(ss[c] / (n - 1));
            result[c] = new ColumnStatistics(exponent[c], deviation, constant[c] && n >= 2, first[c]);
        }

        return result;
    }

    // Σ x·2^−E (mean == null) or Σ (x·2^−E − mean)² per column.
    private static void Accumulate(PointSet set, int[] exponent, double[] sums, double[]? mean)
    {
        int d = set.Dimensions;
        var data = set.Data;
        var factor = exponent.Select(PointSet.PowerOfTwo).ToArray();
        for (int i = 0; i < set.Count; i++)
        {
            for (int c = 0; c < d; c++)
            {
                double x = data[i * d + c];
                double v = factor[c] > 0 ? x * factor[c] : Math.ScaleB(x, -exponent[c]);
                if (mean is null)
                {
                    sums[c] += v;
                }
                else
                {
                    double t = v - mean[c];
                    sums[c] += t * t;
                }
            }
        }
    }
}
