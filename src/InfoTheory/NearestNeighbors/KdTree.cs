using System.Runtime.CompilerServices;

namespace InfoTheory.NearestNeighbors;

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

    public KdTree(PointSet points, KnnNorm norm)
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

        Build(points.Data, 0, n);
        _data = new double[n * _d];
        for (int p = 0; p < n; p++)
        {
            points.Row(_ids[p]).CopyTo(_data.AsSpan(p * _d, _d));
        }
    }

    public override void Nearest(ReadOnlySpan<double> query, int exclude, Span<double> distances, Span<int> indices)
    {
        int count = 0;
        if (Norm == KnnNorm.Max)
        {
            SearchMax(0, query, exclude, distances, indices, ref count);
        }
        else
        {
            SearchEuclid(0, query, exclude, distances, indices, ref count);
        }

        if (count < distances.Length)
        {
            throw new InvalidOperationException("Internal error: fewer stored points than neighbours asked for.");
        }
    }

    public override int CountWithin(ReadOnlySpan<double> query, double radius, bool inclusive) => Count(0, query, radius, inclusive);

    private int Build(double[] source, int start, int end)
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
            var row = source.AsSpan(_ids[p] * _d, _d);
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
    private void Select(double[] source, int dim, int lo, int hi, int k)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double MinDistMax(int node, ReadOnlySpan<double> q)
    {
        var lo = _lo.AsSpan(node * _d, _d);
        var hi = _hi.AsSpan(node * _d, _d);
        double m = 0;
        for (int k = 0; k < lo.Length; k++)
        {
            double v = q[k];
            double t = Math.Max(lo[k] - v, v - hi[k]);
            if (t > m) m = t;
        }

        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double MinDistEuclid(int node, ReadOnlySpan<double> q)
    {
        var lo = _lo.AsSpan(node * _d, _d);
        var hi = _hi.AsSpan(node * _d, _d);
        double s = 0;
        for (int k = 0; k < lo.Length; k++)
        {
            double v = q[k];
            double t = Math.Max(Math.Max(lo[k] - v, v - hi[k]), 0);
            s += t * t;
        }

        return s;
    }

    private void SearchMax(int node, ReadOnlySpan<double> q, int exclude, Span<double> best, Span<int> ids, ref int count)
    {
        int k = best.Length;
        int left = _left[node];
        if (left < 0)
        {
            int d = _d;
            var data = _data;
            for (int p = _start[node]; p < _end[node]; p++)
            {
                int at = p * d;
                double m = 0;
                for (int f = 0; f < d; f++)
                {
                    double t = Math.Abs(data[at + f] - q[f]);
                    if (t > m) m = t;
                }

                if ((count < k || m < best[k - 1]) && _ids[p] != exclude)
                {
                    Insert(best, ids, ref count, m, _ids[p]);
                }
            }

            return;
        }

        int right = _right[node];
        double dl = MinDistMax(left, q), dr = MinDistMax(right, q);
        if (dr < dl)
        {
            (left, right) = (right, left);
            (dl, dr) = (dr, dl);
        }

        if (count < k || dl < best[k - 1])
        {
            SearchMax(left, q, exclude, best, ids, ref count);
        }

        if (count < k || dr < best[k - 1])
        {
            SearchMax(right, q, exclude, best, ids, ref count);
        }
    }

    private void SearchEuclid(int node, ReadOnlySpan<double> q, int exclude, Span<double> best, Span<int> ids, ref int count)
    {
        int k = best.Length;
        int left = _left[node];
        if (left < 0)
        {
            int d = _d;
            var data = _data;
            for (int p = _start[node]; p < _end[node]; p++)
            {
                int at = p * d;
                double s = 0;
                for (int f = 0; f < d; f++)
                {
                    double t = data[at + f] - q[f];
                    s += t * t;
                }

                if ((count < k || s < best[k - 1]) && _ids[p] != exclude)
                {
                    Insert(best, ids, ref count, s, _ids[p]);
                }
            }

            return;
        }

        int right = _right[node];
        double dl = MinDistEuclid(left, q), dr = MinDistEuclid(right, q);
        if (dr < dl)
        {
            (left, right) = (right, left);
            (dl, dr) = (dr, dl);
        }

        if (count < k || dl < best[k - 1])
        {
            SearchEuclid(left, q, exclude, best, ids, ref count);
        }

        if (count < k || dr < best[k - 1])
        {
            SearchEuclid(right, q, exclude, best, ids, ref count);
        }
    }

    private int Count(int node, ReadOnlySpan<double> q, double r, bool inclusive)
    {
        // The nearest and farthest points of the node's box from q.
        var lo = _lo.AsSpan(node * _d, _d);
        var hi = _hi.AsSpan(node * _d, _d);
        double near = 0, far = 0;
        bool max = Norm == KnnNorm.Max;
        for (int k = 0; k < lo.Length; k++)
        {
            double v = q[k];
            double a = lo[k] - v, b = v - hi[k];
            double n = Math.Max(Math.Max(a, b), 0);
            double f = Math.Max(-a, -b);
            if (max)
            {
                if (n > near) near = n;
                if (f > far) far = f;
            }
            else
            {
                near += n * n;
                far += f * f;
            }
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
            return Count(left, q, r, inclusive) + Count(_right[node], q, r, inclusive);
        }

        int count = 0, d = _d;
        var data = _data;
        for (int p = _start[node]; p < _end[node]; p++)
        {
            int at = p * d;
            double m = 0;
            if (max)
            {
                for (int f = 0; f < d; f++)
                {
                    double t = Math.Abs(data[at + f] - q[f]);
                    if (t > m) m = t;
                }
            }
            else
            {
                for (int f = 0; f < d; f++)
                {
                    double t = data[at + f] - q[f];
                    m += t * t;
                }
            }

            if (inclusive ? m <= r : m < r)
            {
                count++;
            }
        }

        return count;
    }
}
