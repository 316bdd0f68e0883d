using System.Numerics;
using System.Runtime.InteropServices;

namespace InfoTheory.NearestNeighbors;

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

    public BruteForceIndex(PointSet points, KnnNorm norm)
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
            for (int j = 0; j < length; j++)
            {
                if (dist[j] < worst && start + j != exclude)
                {
                    Insert(distances, indices, ref count, dist[j], start + j);
                    worst = count < k ? double.PositiveInfinity : distances[k - 1];
                }
            }
        }

        if (count < k)
        {
            throw new InvalidOperationException("Internal error: fewer stored points than neighbours asked for.");
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
        int length = dist.Length;
        bool max = Norm == KnnNorm.Max;
        var vd = MemoryMarshal.Cast<double, Vector<double>>(dist);
        int tail = vd.Length * Vector<double>.Count;
        for (int f = 0; f < _d; f++)
        {
            var column = _columns.AsSpan(f * _n + start, length);
            var vc = MemoryMarshal.Cast<double, Vector<double>>(column);
            double q = query[f];
            var vq = new Vector<double>(q);
            if (f == 0)
            {
                for (int b = 0; b < vd.Length; b++)
                {
                    var t = vc[b] - vq;
                    vd[b] = max ? Vector.Abs(t) : t * t;
                }

                for (int j = tail; j < length; j++)
                {
                    double t = column[j] - q;
                    dist[j] = max ? Math.Abs(t) : t * t;
                }
            }
            else if (max)
            {
                for (int b = 0; b < vd.Length; b++)
                {
                    vd[b] = Vector.Max(vd[b], Vector.Abs(vc[b] - vq));
                }

                for (int j = tail; j < length; j++)
                {
                    dist[j] = Math.Max(dist[j], Math.Abs(column[j] - q));
                }
            }
            else
            {
                for (int b = 0; b < vd.Length; b++)
                {
                    var t = vc[b] - vq;
                    vd[b] += t * t;
                }

                for (int j = tail; j < length; j++)
                {
                    double t = column[j] - q;
                    dist[j] += t * t;
                }
            }
        }
    }
}
