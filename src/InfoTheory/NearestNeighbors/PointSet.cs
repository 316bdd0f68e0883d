using InfoTheory.Internal;

namespace InfoTheory.NearestNeighbors;

/// <summary>
/// A compact row-major copy (N × d doubles) of observations, with the tie-breaking jitter applied. The k-NN paths own
/// this copy so they may reorder it; memory O(N·d).
/// </summary>
internal sealed class PointSet
{
    private PointSet(double[] data, int count, int dimensions)
    {
        Data = data;
        Count = count;
        Dimensions = dimensions;
    }

    public double[] Data { get; }

    public int Count { get; }

    public int Dimensions { get; }

    public ReadOnlySpan<double> Row(int i) => Data.AsSpan(i * Dimensions, Dimensions);

    /// <summary>
    /// The observations of several variables side by side (the joint space), each value plus seeded noise of
    /// standard deviation <paramref name="jitter"/> × its feature's scale (std, or max(1, |mean|) for a constant feature).
    /// </summary>
    public static PointSet Joint(ReadOnlySpan<Samples> variables, double jitter, int seed)
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

        var result = new PointSet(data, n, d);
        if (jitter > 0)
        {
            result.Jitter(jitter, seed);
        }

        return result;
    }

    /// <summary>The columns [start, start + count) as a new point set (a marginal of a joint space).</summary>
    public PointSet Columns(int start, int count)
    {
        var data = new double[Count * count];
        for (int i = 0; i < Count; i++)
        {
            Data.AsSpan(i * Dimensions + start, count).CopyTo(data.AsSpan(i * count, count));
        }

        return new PointSet(data, Count, count);
    }

    private void Jitter(double amplitude, int seed)
    {
        int n = Count, d = Dimensions;
        var random = new Random(seed);
        var scale = new double[d];
        for (int k = 0; k < d; k++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += Data[i * d + k];
            }

            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double t = Data[i * d + k] - mean;
                ss += t * t;
            }

            double std = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
            scale[k] = amplitude * (std > 0 ? std : Math.Max(1, Math.Abs(mean)));
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                Data[i * d + k] += scale[k] * MultivariateNormal.StandardNormal(random);
            }
        }
    }
}
