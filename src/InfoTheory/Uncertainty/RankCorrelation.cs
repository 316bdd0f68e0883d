namespace InfoTheory;

/// <summary>
/// Spearman's rank correlation, with average ranks for ties: how well two sequences agree in order, whatever their
/// scales. Its use here is comparing estimators: two estimators of I(X;T) with different biases agree on a training
/// trajectory when they rank its steps alike, so ρ = 1 means the same story in different units.
/// </summary>
/// <remarks>
/// ρ is Pearson's correlation of the ranks (Spearman 1904; with ties each tied value gets the mean of the ranks it spans,
/// as <c>scipy.stats.spearmanr</c> and R's <c>cor(method = "spearman")</c> do). O(n log n).
/// </remarks>
public static class RankCorrelation
{
    /// <summary>Spearman's ρ of two paired sequences, in [−1, 1].</summary>
    /// <param name="x">The first sequence (finite values).</param>
    /// <param name="y">The second sequence, paired with <paramref name="x"/> element by element.</param>
    /// <returns>ρ; <see cref="double.NaN"/> when either sequence is constant (all ranks tied: ρ is undefined, as scipy
    /// returns too).</returns>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 pairs, or a value that is not finite.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} values but y has {y.Length}; give the two sequences pair by pair (same length).", nameof(y));
        }

        if (x.Length < 2)
        {
            throw new ArgumentException($"x has {x.Length} value(s); a rank correlation needs at least 2 pairs.", nameof(x));
        }

        double[] rx = Ranks(x, nameof(x)), ry = Ranks(y, nameof(y));

        // Pearson on the ranks; both means are (n + 1)/2.
        double mean = (x.Length + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.Length; i++)
        {
            double dx = rx[i] - mean, dy = ry[i] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return double.NaN;
        }

        // Rounding can carry |ρ| a few ulps past 1.
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>The ranks 1 … n of <paramref name="values"/> in their order, tied values sharing the mean of their ranks.</summary>
    /// <param name="values">Finite values.</param>
    /// <returns>One rank per value (e.g. [10, 20, 20, 5] → [2, 3.5, 3.5, 1]).</returns>
    /// <exception cref="ArgumentException">A value that is not finite.</exception>
    public static double[] Ranks(ReadOnlySpan<double> values) => Ranks(values, nameof(values));

    private static double[] Ranks(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; ranks need finite values: drop or replace that step.", name);
            }
        }

        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            // Positions start … end − 1 hold ranks start + 1 … end: their mean.
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end;
        }

        return ranks;
    }
}
