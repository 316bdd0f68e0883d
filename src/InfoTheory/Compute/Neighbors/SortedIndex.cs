namespace InfoTheory.Compute;

/// <summary>
/// Exact search in one dimension: the values sorted once, a k-NN query walks outwards from the query's place, and a
/// radius count is two binary searches (O(log N)). Max-norm and Euclidean distances coincide in 1-D up to the metric
/// form (|t| or t²), which is kept so that comparisons are bit-identical with the other indexes.
/// </summary>
internal sealed class SortedIndex : NeighborIndex
{
    private readonly double[] _values;
    private readonly int[] _ids;

    public SortedIndex(Samples points, KnnNorm norm)
        : base(points, norm)
    {
        int n = points.Count;
        _values = points.ToArray();
        _ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            _ids[i] = i;
        }

        Array.Sort(_values, _ids);
    }

    public override int[] QueryOrder => _ids;

    public override void Nearest(ReadOnlySpan<double> query, int exclude, Span<double> distances, Span<int> indices)
    {
        double q = query[0];
        int k = distances.Length, n = _values.Length;
        int hi = LowerBound(q), lo = hi - 1;
        bool max = Norm == KnnNorm.Max;
        for (int found = 0; found < k;)
        {
            double dl = lo >= 0 ? Metric(_values[lo] - q, max) : double.PositiveInfinity;
            double dh = hi < n ? Metric(_values[hi] - q, max) : double.PositiveInfinity;
            if (double.IsPositiveInfinity(dl) && double.IsPositiveInfinity(dh) && lo < 0 && hi >= n)
            {
                throw new InvalidOperationException("Internal error: fewer stored points than neighbors asked for.");
            }

            int at = dl <= dh ? lo-- : hi++;
            if (_ids[at] == exclude)
            {
                continue;
            }

            distances[found] = Math.Min(dl, dh);
            indices[found] = _ids[at];
            found++;
        }
    }

    public override int CountWithin(ReadOnlySpan<double> query, double radius, bool inclusive)
    {
        double q = query[0];
        bool max = Norm == KnnNorm.Max;
        int split = LowerBound(q), n = _values.Length;
        // Left of split the predicate "within" is false…false true…true; right of it true…true false…false.
        int a = 0, b = split;
        while (a < b)
        {
            int m = (a + b) >>> 1;
            if (Within(Metric(_values[m] - q, max), radius, inclusive)) b = m; else a = m + 1;
        }

        int first = a;
        a = split;
        b = n;
        while (a < b)
        {
            int m = (a + b) >>> 1;
            if (Within(Metric(_values[m] - q, max), radius, inclusive)) a = m + 1; else b = m;
        }

        return a - first;
    }

    private static bool Within(double metric, double radius, bool inclusive) => inclusive ? metric <= radius : metric < radius;

    private static double Metric(double t, bool max) => max ? Math.Abs(t) : t * t;

    private int LowerBound(double q)
    {
        int a = 0, b = _values.Length;
        while (a < b)
        {
            int m = (a + b) >>> 1;
            if (_values[m] < q) a = m + 1; else b = m;
        }

        return a;
    }
}
