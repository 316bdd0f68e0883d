using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InfoTheory.Compute;

/// <summary>
/// Exact brute-force search: the points are kept column by column (d arrays of N), and a query computes its distances
/// to a block of points at a time with <see cref="Vector{T}"/> arithmetic, then keeps the k best or counts. O(N·d) per
/// query, no pruning; wins over a tree when N is small or d is high. O(N·d) memory, a block of scratch per query.
/// </summary>
internal sealed class BruteForceIndex : NeighborIndex
{
    private const int Block = 512;
    private readonly double[] _columns; // feature f of point j at f·N + j
    private readonly int _n, _d;

    public BruteForceIndex(Samples points, KnnNorm norm)
        : base(points, norm)
    {
        _n = points.Count;
        _d = points.Dimensions;
        _columns = new double[_n * _d];
        for (int j = 0; j < _n; j++)
        {
            var row = points.Row(j);
            for (int f = 0; f < _d; f++)
            {
                _columns[f * _n + j] = row[f];
            }
        }
    }

    public override void Nearest(ReadOnlySpan<double> query, int exclude, Span<double> distances, Span<int> indices)
    {
        Span<double> block = stackalloc double[Block];
        int k = distances.Length, count = 0;
        for (int start = 0; start < _n; start += Block)
        {
            int length = Math.Min(Block, _n - start);
            var dist = block[..length];
            Distances(query, start, dist);
            double worst = count < k ? double.PositiveInfinity : distances[k - 1];
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(dist);
            int width = Vector<double>.Count;
            for (int j = 0; j < length; j++)
            {
                // Skip a whole vector of lanes when none beats the current k-th distance (the common case).
                if (j % width == 0 && j / width < lanes.Length && !Vector.LessThanAny(lanes[j / width], new Vector<double>(worst)))
                {
                    j += width - 1;
                    continue;
                }

                if (dist[j] < worst && start + j != exclude)
                {
                    Insert(distances, indices, ref count, dist[j], start + j);
                    worst = count < k ? double.PositiveInfinity : distances[k - 1];
                }
            }
        }

        if (count < k)
        {
            throw new InvalidOperationException("Internal error: fewer stored points than neighbors asked for.");
        }
    }

    public override int CountWithin(ReadOnlySpan<double> query, double radius, bool inclusive)
    {
        Span<double> block = stackalloc double[Block];
        int count = 0;
        for (int start = 0; start < _n; start += Block)
        {
            int length = Math.Min(Block, _n - start);
            var dist = block[..length];
            Distances(query, start, dist);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var r = new Vector<double>(radius);
                var counts = Vector<long>.Zero;
                var v = MemoryMarshal.Cast<double, Vector<double>>(dist);
                for (int b = 0; b < v.Length; b++)
                {
                    // A true lane is all ones (−1 as an integer).
                    counts -= inclusive ? Vector.LessThanOrEqual(v[b], r) : Vector.LessThan(v[b], r);
                }

                count += (int)Vector.Sum(counts);
                j = v.Length * Vector<double>.Count;
            }

            for (; j < length; j++)
            {
                if (inclusive ? dist[j] <= radius : dist[j] < radius)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Metric distances from <paramref name="query"/> to points [start, start + dist.Length).</summary>
    internal void Distances(ReadOnlySpan<double> query, int start, Span<double> dist)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            if (Norm == KnnNorm.Max)
            {
                Distances<Vector512<double>, MaxLanes512>(query, start, dist);
            }
            else
            {
                Distances<Vector512<double>, SquaredLanes512>(query, start, dist);
            }
        }
        else if (Norm == KnnNorm.Max)
        {
            Distances<Vector<double>, MaxLanes>(query, start, dist);
        }
        else
        {
            Distances<Vector<double>, SquaredLanes>(query, start, dist);
        }
    }

    // One pass per feature over the block: d[j] = |c[j] − q| (first feature), then d[j] = max(d[j], |c[j] − q|) or
    // d[j] += (c[j] − q)². Generic over the vector width so AVX-512 machines use 8 lanes.
    private void Distances<TVector, TLanes>(ReadOnlySpan<double> query, int start, Span<double> dist)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int length = dist.Length;
        var vd = MemoryMarshal.Cast<double, TVector>(dist);
        int tail = vd.Length * TLanes.Width;
        for (int f = 0; f < _d; f++)
        {
            var column = _columns.AsSpan(f * _n + start, length);
            var vc = MemoryMarshal.Cast<double, TVector>(column);
            double q = query[f];
            var vq = TLanes.Broadcast(q);
            if (f == 0)
            {
                for (int b = 0; b < vd.Length; b++)
                {
                    vd[b] = TLanes.First(vc[b], vq);
                }

                for (int j = tail; j < length; j++)
                {
                    dist[j] = TLanes.FirstScalar(column[j], q);
                }
            }
            else
            {
                for (int b = 0; b < vd.Length; b++)
                {
                    vd[b] = TLanes.Next(vd[b], vc[b], vq);
                }

                for (int j = tail; j < length; j++)
                {
                    dist[j] = TLanes.NextScalar(dist[j], column[j], q);
                }
            }
        }
    }
}

/// <summary>One coordinate's contribution to a metric distance, on a vector of lanes and on one value.</summary>
internal interface ILanes<TVector>
    where TVector : struct
{
    static abstract int Width { get; }

    static abstract TVector Broadcast(double value);

    static abstract TVector First(TVector column, TVector query);

    static abstract TVector Next(TVector accumulated, TVector column, TVector query);

    static abstract double FirstScalar(double column, double query);

    static abstract double NextScalar(double accumulated, double column, double query);
}

internal readonly struct MaxLanes : ILanes<Vector<double>>
{
    public static int Width => Vector<double>.Count;

    public static Vector<double> Broadcast(double value) => new(value);

    public static Vector<double> First(Vector<double> column, Vector<double> query) => Vector.Abs(column - query);

    public static Vector<double> Next(Vector<double> accumulated, Vector<double> column, Vector<double> query) => Vector.Max(accumulated, Vector.Abs(column - query));

    public static double FirstScalar(double column, double query) => Math.Abs(column - query);

    public static double NextScalar(double accumulated, double column, double query) => Math.Max(accumulated, Math.Abs(column - query));
}

internal readonly struct SquaredLanes : ILanes<Vector<double>>
{
    public static int Width => Vector<double>.Count;

    public static Vector<double> Broadcast(double value) => new(value);

    public static Vector<double> First(Vector<double> column, Vector<double> query)
    {
        var t = column - query;
        return t * t;
    }

    public static Vector<double> Next(Vector<double> accumulated, Vector<double> column, Vector<double> query)
    {
        var t = column - query;
        return accumulated + t * t;
    }

    public static double FirstScalar(double column, double query)
    {
        double t = column - query;
        return t * t;
    }

    public static double NextScalar(double accumulated, double column, double query)
    {
        double t = column - query;
        return accumulated + t * t;
    }
}

internal readonly struct MaxLanes512 : ILanes<Vector512<double>>
{
    public static int Width => Vector512<double>.Count;

    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    public static Vector512<double> First(Vector512<double> column, Vector512<double> query) => Vector512.Abs(column - query);

    public static Vector512<double> Next(Vector512<double> accumulated, Vector512<double> column, Vector512<double> query) =>
        Vector512.Max(accumulated, Vector512.Abs(column - query));

    public static double FirstScalar(double column, double query) => Math.Abs(column - query);

    public static double NextScalar(double accumulated, double column, double query) => Math.Max(accumulated, Math.Abs(column - query));
}

internal readonly struct SquaredLanes512 : ILanes<Vector512<double>>
{
    public static int Width => Vector512<double>.Count;

    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    public static Vector512<double> First(Vector512<double> column, Vector512<double> query)
    {
        var t = column - query;
        return t * t;
    }

    public static Vector512<double> Next(Vector512<double> accumulated, Vector512<double> column, Vector512<double> query)
    {
        var t = column - query;
        return accumulated + t * t;
    }

    public static double FirstScalar(double column, double query)
    {
        double t = column - query;
        return t * t;
    }

    public static double NextScalar(double accumulated, double column, double query)
    {
        double t = column - query;
        return accumulated + t * t;
    }
}
