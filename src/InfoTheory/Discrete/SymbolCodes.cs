namespace InfoTheory.Internal;

/// <summary>
/// Dense symbol codes 0…m−1 for discrete data: integer symbols, whole rows, and tuples of bin indices. Codes are assigned
/// by sorting (deterministic, O(N·log N)), and a tuple is coded one column at a time, (code so far)·m_k + code_k, then
/// re-densified, so any number of columns and bins fits in 64 bits. Keys known to lie in a small range [0, R) (R ≤ 4N + 2¹⁶:
/// bins, pairs of small alphabets) are coded by a direct table instead, in O(N + R); both paths give the same codes.
/// </summary>
internal static class SymbolCodes
{
    /// <summary>Dense codes of 64-bit keys, in increasing key order; <paramref name="distinct"/> is m.</summary>
    public static int[] Dense(ReadOnlySpan<long> keys, out int distinct)
    {
        int n = keys.Length;
        var codes = new int[n];
        if (n == 0)
        {
            distinct = 0;
            return codes;
        }

        var sorted = keys.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);
        int code = 0;
        codes[order[0]] = 0;
        for (int r = 1; r < n; r++)
        {
            if (sorted[r] != sorted[r - 1])
            {
                code++;
            }

            codes[order[r]] = code;
        }

        distinct = code + 1;
        return codes;
    }

    /// <summary>Dense codes of integer symbols.</summary>
    public static int[] Dense(ReadOnlySpan<int> symbols, out int distinct)
    {
        if (symbols.Length > 0)
        {
            int min = int.MaxValue, max = int.MinValue;
            foreach (int s in symbols)
            {
                min = Math.Min(min, s);
                max = Math.Max(max, s);
            }

            long range = (long)max - min + 1;
            if (IsSmall(range, symbols.Length))
            {
                var shifted = new int[symbols.Length];
                for (int i = 0; i < shifted.Length; i++)
                {
                    shifted[i] = symbols[i] - min;
                }

                return DenseSmall(shifted, (int)range, out distinct);
            }
        }

        var keys = new long[symbols.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = symbols[i];
        }

        return Dense(keys, out distinct);
    }

    /// <summary>The code of each pair (a[i], b[i]), given a's codes in [0, ma) and b's in [0, mb).</summary>
    public static int[] Pair(int[] a, int ma, int[] b, int mb, out int distinct)
    {
        long range = (long)ma * mb;
        if (IsSmall(range, a.Length))
        {
            var direct = new int[a.Length];
            for (int i = 0; i < direct.Length; i++)
            {
                direct[i] = a[i] * mb + b[i];
            }

            return DenseSmall(direct, (int)range, out distinct);
        }

        var keys = new long[a.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (long)a[i] * mb + b[i];
        }

        return Dense(keys, out distinct);
    }

    private static bool IsSmall(long range, int n) => range <= 4L * n + (1 << 16);

    /// <summary>Dense codes, in increasing key order, of keys in [0, range), through a table of size range (codes in place).</summary>
    private static int[] DenseSmall(int[] keys, int range, out int distinct)
    {
        var table = new int[range];
        foreach (int k in keys)
        {
            table[k] = 1;
        }

        int code = 0;
        for (int k = 0; k < range; k++)
        {
            if (table[k] != 0)
            {
                table[k] = code++;
            }
        }

        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = table[keys[i]];
        }

        distinct = code;
        return keys;
    }

    /// <summary>Whole rows as symbols: two rows share a code exactly when all their values are equal (−0 = +0).</summary>
    public static int[] Rows(in Samples samples, out int distinct)
    {
        int n = samples.Count, d = samples.Dimensions;
        int[]? codes = null;
        int m = 1;
        var column = new long[n];
        for (int k = 0; k < d; k++)
        {
            for (int i = 0; i < n; i++)
            {
                double v = samples[i, k] + 0.0; // −0 + 0 = +0: one symbol
                column[i] = OrderedBits(v);
            }

            var columnCodes = Dense(column, out int mk);
            if (codes is null)
            {
                codes = columnCodes;
                m = mk;
            }
            else
            {
                codes = Pair(codes, m, columnCodes, mk, out m);
            }
        }

        distinct = m;
        return codes!;
    }

    /// <summary>
    /// Rows of bin indices (N × d, row-major, each in [0, bins)) as symbols: mixed-radix keys Σ b_k·B^k accumulate while
    /// the radix product stays below 2⁶², and are re-densified only when it would not (so 30 bins × 12 columns is one pass).
    /// </summary>
    public static int[] BinRows(int[] bins, int n, int d, int binCount, out int distinct)
    {
        var keys = new long[n];
        long range = 1;
        const long Limit = 1L << 62;
        for (int k = 0; k < d; k++)
        {
            if (range > Limit / binCount)
            {
                var codes = Dense(keys, out int m);
                for (int i = 0; i < n; i++)
                {
                    keys[i] = codes[i];
                }

                range = m;
            }

            for (int i = 0; i < n; i++)
            {
                keys[i] = keys[i] * binCount + bins[i * d + k];
            }

            range *= binCount;
        }

        if (IsSmall(range, n))
        {
            var small = new int[n];
            for (int i = 0; i < n; i++)
            {
                small[i] = (int)keys[i];
            }

            return DenseSmall(small, (int)range, out distinct);
        }

        return Dense(keys, out distinct);
    }

    /// <summary>How many times each code occurs.</summary>
    public static int[] Counts(int[] codes, int distinct)
    {
        var counts = new int[distinct];
        foreach (int c in codes)
        {
            counts[c]++;
        }

        return counts;
    }

    /// <summary>A long whose signed order is the order of the doubles (for sorting finite values).</summary>
    private static long OrderedBits(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return bits < 0 ? bits ^ long.MaxValue : bits;
    }
}
