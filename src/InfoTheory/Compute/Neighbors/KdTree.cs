using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InfoTheory.Compute;

/// <summary>
/// A k-d tree (Bentley 1975; Friedman, Bentley &amp; Finkel 1977): each node splits its points at the median of its
/// widest coordinate; leaves hold up to <see cref="LeafSize"/> points. Every node keeps its tight bounding box, so a
/// query prunes a node whose box is farther than the current k-th distance, and a radius count adds a whole node at
/// once when its box lies inside the ball. Exact; O(N·d) memory (points in tree order plus 2·d bounds per node).
/// </summary>
internal sealed class KdTree : NeighborIndex
{
    public const int LeafSize = 16;

    private readonly int _d;
    private readonly double[] _data;   // points in tree order, row-major
    private readonly int[] _ids;       // tree position → original index
    private readonly int[] _start, _end, _left, _right;
    private readonly double[] _lo, _hi; // node bounding boxes, node·d + k
    private int _nodes;

    public KdTree(Samples points, KnnNorm norm)
        : base(points, norm)
    {
        int n = points.Count;
        _d = points.Dimensions;
        int capacity = 2 * (n / (LeafSize / 2) + 1) + 1; // leaves hold more than LeafSize/2 points
        _start = new int[capacity];
        _end = new int[capacity];
        _left = new int[capacity];
        _right = new int[capacity];
        _lo = new double[capacity * _d];
        _hi = new double[capacity * _d];
        _ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            _ids[i] = i;
        }

        var source = RowMajor(points).Span;
        Build(source, 0, n);
        _data = new double[n * _d];
        for (int p = 0; p < n; p++)
        {
            source.Slice(_ids[p] * _d, _d).CopyTo(_data.AsSpan(p * _d, _d));
        }
    }

    /// <summary>The points row after row: the caller's buffer itself when its rows are back to back (no copy of N·d values), else a copy.</summary>
    private static ReadOnlyMemory<double> RowMajor(Samples points)
    {
        if (!points.IsSinglePrecision)
        {
            var (data, offset, stride) = points.Layout;
            if (stride == points.Dimensions)
            {
                return data.Slice(offset, points.Count * stride);
            }
        }

        return points.ToArray();
    }

    public override int[] QueryOrder => _ids;

    public override void Nearest(ReadOnlySpan<double> query, int exclude, Span<double> distances, Span<int> indices)
    {
        int count = 0;
        if (Norm == KnnNorm.Max)
        {
            Search<MaxMetric>(0, query, exclude, distances, indices, ref count);
        }
        else
        {
            Search<SquaredMetric>(0, query, exclude, distances, indices, ref count);
        }

        if (count < distances.Length)
        {
            throw new InvalidOperationException("Internal error: fewer stored points than neighbors asked for.");
        }
    }

    public override int CountWithin(ReadOnlySpan<double> query, double radius, bool inclusive) =>
        Norm == KnnNorm.Max ? Count<MaxMetric>(0, query, radius, inclusive) : Count<SquaredMetric>(0, query, radius, inclusive);

    private int Build(ReadOnlySpan<double> source, int start, int end)
    {
        int node = _nodes++;
        _start[node] = start;
        _end[node] = end;
        _left[node] = -1;
        _right[node] = -1;
        var lo = _lo.AsSpan(node * _d, _d);
        var hi = _hi.AsSpan(node * _d, _d);
        lo.Fill(double.PositiveInfinity);
        hi.Fill(double.NegativeInfinity);
        for (int p = start; p < end; p++)
        {
            var row = source.Slice(_ids[p] * _d, _d);
            for (int k = 0; k < _d; k++)
            {
                double v = row[k];
                if (v < lo[k]) lo[k] = v;
                if (v > hi[k]) hi[k] = v;
            }
        }

        if (end - start <= LeafSize)
        {
            return node;
        }

        int dim = 0;
        double widest = -1;
        for (int k = 0; k < _d; k++)
        {
            if (hi[k] - lo[k] > widest)
            {
                widest = hi[k] - lo[k];
                dim = k;
            }
        }

        if (!(widest > 0))
        {
            return node; // all points identical: one leaf, scanned directly
        }

        int mid = (start + end) >>> 1;
        Select(source, dim, start, end - 1, mid);
        _left[node] = Build(source, start, mid);
        _right[node] = Build(source, mid, end);
        return node;
    }

    // Hoare quickselect on _ids[lo..hi] by coordinate dim so that position k holds the k-th smallest.
    private void Select(ReadOnlySpan<double> source, int dim, int lo, int hi, int k)
    {
        var ids = _ids;
        while (lo < hi)
        {
            double pivot = source[ids[(lo + hi) >>> 1] * _d + dim];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (source[ids[i] * _d + dim] < pivot) i++;
                while (source[ids[j] * _d + dim] > pivot) j--;
                if (i <= j)
                {
                    (ids[i], ids[j]) = (ids[j], ids[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    // The searches are generic over the metric so the JIT compiles one specialised copy per norm (no branch per value).
    private void Search<TMetric>(int node, ReadOnlySpan<double> q, int exclude, Span<double> best, Span<int> ids, ref int count)
        where TMetric : struct, IMetric
    {
        int k = best.Length, d = _d;
        int left = _left[node];
        ref double q0 = ref MemoryMarshal.GetReference(q);
        if (left < 0)
        {
            ref double data = ref MemoryMarshal.GetArrayDataReference(_data);
            double worst = count < k ? double.PositiveInfinity : best[k - 1];
            for (int p = _start[node], end = _end[node]; p < end; p++)
            {
                ref double row = ref Unsafe.Add(ref data, p * d);
                double m = 0;
                for (int f = 0; f < d; f++)
                {
                    m = TMetric.Add(m, Unsafe.Add(ref row, f) - Unsafe.Add(ref q0, f));
                }

                if (m < worst && _ids[p] != exclude)
                {
                    Insert(best, ids, ref count, m, _ids[p]);
                    worst = count < k ? double.PositiveInfinity : best[k - 1];
                }
            }

            return;
        }

        int right = _right[node];
        double dl = Near<TMetric>(left, ref q0), dr = Near<TMetric>(right, ref q0);
        if (dr < dl)
        {
            (left, right) = (right, left);
            (dl, dr) = (dr, dl);
        }

        if (count < k || dl < best[k - 1])
        {
            Search<TMetric>(left, q, exclude, best, ids, ref count);
        }

        if (count < k || dr < best[k - 1])
        {
            Search<TMetric>(right, q, exclude, best, ids, ref count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Near<TMetric>(int node, ref double q0)
        where TMetric : struct, IMetric
    {
        int d = _d;
        ref double lo = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lo), node * d);
        ref double hi = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_hi), node * d);
        double m = 0;
        for (int f = 0; f < d; f++)
        {
            double v = Unsafe.Add(ref q0, f);
            m = TMetric.Add(m, Math.Max(Math.Max(Unsafe.Add(ref lo, f) - v, v - Unsafe.Add(ref hi, f)), 0));
        }

        return m;
    }

    private int Count<TMetric>(int node, ReadOnlySpan<double> q, double r, bool inclusive)
        where TMetric : struct, IMetric
    {
        // The nearest and farthest points of the node's box from q.
        int d = _d;
        ref double q0 = ref MemoryMarshal.GetReference(q);
        ref double lo = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lo), node * d);
        ref double hi = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_hi), node * d);
        double near = 0, far = 0;
        for (int f = 0; f < d; f++)
        {
            double v = Unsafe.Add(ref q0, f);
            double a = Unsafe.Add(ref lo, f) - v, b = v - Unsafe.Add(ref hi, f);
            near = TMetric.Add(near, Math.Max(Math.Max(a, b), 0));
            far = TMetric.Add(far, Math.Max(-a, -b));
        }

        if (inclusive ? near > r : near >= r)
        {
            return 0;
        }

        if (inclusive ? far <= r : far < r)
        {
            return _end[node] - _start[node];
        }

        int left = _left[node];
        if (left >= 0)
        {
            return Count<TMetric>(left, q, r, inclusive) + Count<TMetric>(_right[node], q, r, inclusive);
        }

        int count = 0;
        ref double data = ref MemoryMarshal.GetArrayDataReference(_data);
        for (int p = _start[node], end = _end[node]; p < end; p++)
        {
            ref double row = ref Unsafe.Add(ref data, p * d);
            double m = 0;
            for (int f = 0; f < d; f++)
            {
                m = TMetric.Add(m, Unsafe.Add(ref row, f) - Unsafe.Add(ref q0, f));
            }

            count += (inclusive ? m <= r : m < r) ? 1 : 0;
        }

        return count;
    }
}

/// <summary>A metric distance built coordinate by coordinate: max of |t| (max-norm) or sum of t² (squared Euclidean).</summary>
internal interface IMetric
{
    /// <summary>The accumulated distance after one more coordinate difference <paramref name="t"/>.</summary>
    static abstract double Add(double accumulated, double t);
}

internal readonly struct MaxMetric : IMetric
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double accumulated, double t) => Math.Max(accumulated, Math.Abs(t));
}

internal readonly struct SquaredMetric : IMetric
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double accumulated, double t) => accumulated + t * t;
}
