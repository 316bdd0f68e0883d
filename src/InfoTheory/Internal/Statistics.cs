namespace InfoTheory.Internal;

internal static class Statistics
{
    /// <summary>Median by selection (reorders <paramref name="values"/>): the mean of the two middle values for even length.</summary>
    public static double Median(Span<double> values)
    {
        int n = values.Length;
        double upper = Select(values, n / 2);
        if (n % 2 == 1)
        {
            return upper;
        }

        // After selection everything left of n/2 is ≤ upper: the lower middle is their maximum.
        double lower = double.NegativeInfinity;
        foreach (double v in values[..(n / 2)])
        {
            lower = Math.Max(lower, v);
        }

        return 0.5 * (lower + upper);
    }

    /// <summary>Hoare's quickselect: the k-th smallest, with values[..k] ≤ it ≤ values[k..] afterwards.</summary>
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            double pivot = Median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;
        }

        return a[k];
    }

    private static double Median3(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
