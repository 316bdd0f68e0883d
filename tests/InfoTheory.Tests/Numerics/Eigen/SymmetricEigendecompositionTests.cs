using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Tests.Compression;

/// <summary>The eigendecomposition with vectors against MathNet.Numerics 5.0.0 (test oracle only) and its defining identities.</summary>
public sealed class SymmetricEigendecompositionTests
{
    private static double[] RandomSymmetric(int n, int seed, double spread = 1)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double v = (random.NextDouble() * 2 - 1) * Math.Pow(spread, random.NextDouble());
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }

        return a;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(17, 4)]
    [InlineData(64, 5)]
    [InlineData(200, 6)]
    public void MatchesMathNet_ValuesAndVectors(int n, int seed)
    {
        var a = RandomSymmetric(n, seed);
        var (values, vectors) = SymmetricEigendecomposition.Compute(a, n);
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var reference = evd.EigenValues.Select(c => c.Real).OrderByDescending(v => v).ToArray();
        double scale = Math.Max(1, reference.Max(Math.Abs));
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(reference[j], values[j], 1e-11 * scale);
        }

        // Vectors: compare up to sign with MathNet's for well-separated eigenvalues.
        var refVectors = evd.EigenVectors;
        var refValues = evd.EigenValues.Select(c => c.Real).ToArray();
        for (int j = 0; j < n; j++)
        {
            double gap = Enumerable.Range(0, n).Where(k => k != j).Select(k => Math.Abs(values[k] - values[j])).DefaultIfEmpty(1).Min();
            if (gap < 1e-3)
            {
                continue;
            }

            int r = Array.IndexOf(refValues, refValues.OrderBy(v => Math.Abs(v - values[j])).First());
            double dot = 0;
            for (int k = 0; k < n; k++)
            {
                dot += vectors[j * n + k] * refVectors[k, r];
            }

            Assert.Equal(1, Math.Abs(dot), 1e-8);
        }

        AssertEigenpairs(a, n, values, vectors, 1e-11 * scale * Math.Sqrt(n));
    }

    [Property(MaxTest = 40)]
    public Property Identities_Hold(PositiveInt size, int seed, bool wide)
    {
        int n = 1 + size.Get % 40;
        var a = RandomSymmetric(n, seed, wide ? 1e6 : 1);
        var (values, vectors) = SymmetricEigendecomposition.Compute(a, n);
        double scale = Math.Max(1e-300, values.Max(Math.Abs));
        AssertEigenpairs(a, n, values, vectors, 1e-11 * scale * n);
        return values.Zip(values.Skip(1), (p, q) => p >= q).All(b => b).Label("descending");
    }

    [Fact]
    public void RepeatedAndZeroEigenvalues_GiveAnOrthonormalBasis()
    {
        // Rank-2 projector-like matrix in 6 dimensions, eigenvalues {3, 3, 0, 0, 0, 0}, plus an already-diagonal one.
        int n = 6;
        var u = new double[n * 2];
        var r = new Random(9);
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = r.NextDouble();
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = 3 * (u[i * 2] * u[j * 2] + u[i * 2 + 1] * u[j * 2 + 1]);
            }
        }

        var (values, vectors) = SymmetricEigendecomposition.Compute(a, n);
        AssertEigenpairs(a, n, values, vectors, 1e-12 * values[0] * n);
        var diag = new double[16];
        diag[0] = 2;
        diag[5] = -1;
        diag[10] = 5;
        diag[15] = 5;
        var (dv, dvec) = SymmetricEigendecomposition.Compute(diag, 4);
        Assert.Equal([5, 5, 2, -1], dv);
        AssertEigenpairs(diag, 4, dv, dvec, 1e-14);
    }

    [Fact]
    public void Large_1024_Works()
    {
        // Correctness at the size PCA of 32×32 images needs (timing lives in the benchmarks).
        int n = 1024;
        var a = RandomSymmetric(n, 12);
        var (values, vectors) = SymmetricEigendecomposition.Compute(a, n);
        // Trace and Frobenius norm are preserved.
        double trace = 0, frob = 0;
        for (int i = 0; i < n; i++)
        {
            trace += a[i * n + i];
        }

        foreach (double v in a)
        {
            frob += v * v;
        }

        Assert.Equal(trace, values.Sum(), 1e-8);
        Assert.Equal(frob, values.Sum(v => v * v), 1e-7 * frob);
        // A few eigenpairs: ‖A v − λ v‖ small.
        foreach (int j in new[] { 0, 1, 511, 1023 })
        {
            double res = 0;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[i * n + k] * vectors[j * n + k];
                }

                res += Math.Pow(s - values[j] * vectors[j * n + i], 2);
            }

            Assert.True(Math.Sqrt(res) < 1e-9, $"residual {Math.Sqrt(res)} at {j}");
        }
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigendecomposition.Compute(new double[3], 2));
        Assert.Throws<ArgumentException>(() => SymmetricEigendecomposition.Compute(new[] { 1, 0, double.NaN, 1 }, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigendecomposition.Compute([], 0));
    }

    /// <summary>A V = V Λ and VᵀV = I, with V's rows the vectors.</summary>
    private static void AssertEigenpairs(double[] a, int n, double[] values, double[] vectors, double tolerance)
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[i * n + k] * vectors[j * n + k];
                }

                Assert.True(Math.Abs(s - values[j] * vectors[j * n + i]) <= tolerance, $"(A v − λ v)[{i}] of pair {j}: {s - values[j] * vectors[j * n + i]}");
            }

            for (int k = 0; k <= j; k++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += vectors[j * n + i] * vectors[k * n + i];
                }

                Assert.True(Math.Abs(dot - (j == k ? 1 : 0)) < 1e-12 * n, $"v{j}·v{k} = {dot}");
            }
        }
    }
}
