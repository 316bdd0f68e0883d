using System.Globalization;

namespace InfoTheory.Tests.Numerics;

/// <summary>
/// The seeded inputs of the width tests: lengths that are not multiples of 8 (ragged vector tails), rows from length 0
/// up, and FastExp arguments that include the clamp and the reduction's boundaries.
/// </summary>
internal static class WidthTestInputs
{
    public const int Points = 203;
    public const int Dimensions = 5;

    public static double[] Uniform(int count, int seed, double low, double high)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + (high - low) * random.NextDouble();
        }

        return values;
    }

    /// <summary>Arguments for exp(x ≤ 0): zero, −0, subnormal-size, the clamp at −708 and below it, ±ln 2 / 2 boundaries.</summary>
    public static double[] ExpArguments()
    {
        var x = Uniform(4096, 1, -745, 0);
        double[] special = [0, -0.0, -1e-300, -708, -709, -745, -0.34657359027997264, -0.34657359027997259, -1, -0.5, -1e-8, -30];
        special.CopyTo(x, 0);
        for (int i = special.Length; i < 1024; i++)
        {
            x[i] /= 100; // many in the range the Gram sums meet
        }

        return x;
    }

    /// <summary>N × d row-major points.</summary>
    public static double[] PointRows() => Uniform(Points * Dimensions, 2, -3, 3);

    /// <summary>A full n×n matrix whose lower triangle is uniform in [−1, 1] (the upper is never read).</summary>
    public static double[] LowerTriangle(int n, int seed)
    {
        var a = Uniform(n * n, seed, -1, 1);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                a[i * n + j] = 0;
            }
        }

        return a;
    }

    public static double[] RandomSymmetric(int n, int seed)
    {
        var a = LowerTriangle(n, seed);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                a[i * n + j] = a[j * n + i];
            }
        }

        return a;
    }

    /// <summary>FNV-1a over the bits of the values: equal hashes mean bit-identical results.</summary>
    public static string Hash(ReadOnlySpan<double> values)
    {
        ulong h = 14695981039346656037UL;
        foreach (double v in values)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
            for (int b = 0; b < 8; b++)
            {
                h = (h ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
            }
        }

        return h.ToString("x16", CultureInfo.InvariantCulture);
    }
}
