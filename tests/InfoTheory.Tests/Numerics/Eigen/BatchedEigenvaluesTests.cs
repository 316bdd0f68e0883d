using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Tests.Compute;

/// <summary>
/// The interleaved batch path (four matrices per SIMD lane group, <c>BatchedTridiagonal</c>) against MathNet's
/// dense symmetric EVD (test oracle), including partial groups, already-tridiagonal lanes (τ = 0 masks), lanes of
/// very different scale, and bad input naming the matrix.
/// </summary>
public class BatchedEigenvaluesTests
{
    private static double[] RandomSymmetric(int n, Random rng, double scale = 1)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double x = (rng.NextDouble() * 2 - 1) * scale;
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }

        return a;
    }

    private static double[] Oracle(ReadOnlySpan<double> a, int n)
    {
        var copy = a.ToArray();
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => copy[i * n + j]);
        var ev = m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(ev);
        return ev;
    }

    private static void AssertMatchesOracle(double[] all, int n, int count, double[] batch)
    {
        for (int b = 0; b < count; b++)
        {
            var span = all.AsSpan(b * n * n, n * n);
            double norm = Math.Sqrt(span.ToArray().Sum(x => x * x));
            double[] expected = Oracle(span, n);
            for (int k = 0; k < n; k++)
            {
                double got = batch[b * n + k];
                Assert.True(Math.Abs(got - expected[k]) <= 1e-13 * n * Math.Max(norm, double.Epsilon),
                    $"matrix {b}, eigenvalue {k}: {got:R} vs {expected[k]:R} (‖A‖_F = {norm:E3})");
                if (k > 0)
                {
                    Assert.True(batch[b * n + k - 1] <= got, $"matrix {b} not ascending at {k}");
                }
            }
        }
    }

    [Theory]
    [InlineData(8, 2)]
    [InlineData(9, 5)]
    [InlineData(37, 7)]
    [InlineData(128, 4)]
    [InlineData(131, 9)]
    [InlineData(256, 3)]
    public void Random_batches_match_MathNet(int n, int count)
    {
        var rng = new Random(n * 31 + count);
        var all = new double[count * n * n];
        for (int b = 0; b < count; b++)
        {
            RandomSymmetric(n, rng).CopyTo(all, b * n * n);
        }

        var batch = new double[count * n];
        SymmetricEigenvalues.ComputeBatch(all, n, count, batch);
        AssertMatchesOracle(all, n, count, batch);
    }

    [Fact]
    public void Lanes_that_need_no_reflection_mix_with_lanes_that_do()
    {
        // Lane 0: diagonal (every reflector has τ = 0); lane 1: tridiagonal already; lane 2: zero; lane 3: random;
        // lane 4 (second group): a matrix with one zero row in the middle.
        int n = 20, count = 5;
        var rng = new Random(3);
        var all = new double[count * n * n];
        for (int i = 0; i < n; i++)
        {
            all[i * n + i] = i - 7.5;
            all[n * n + i * n + i] = Math.Sin(i);
            if (i > 0)
            {
                all[n * n + i * n + i - 1] = all[n * n + (i - 1) * n + i] = 0.5;
            }
        }

        RandomSymmetric(n, rng).CopyTo(all, 3 * n * n);
        var withZeroRow = RandomSymmetric(n, rng);
        for (int j = 0; j < n; j++)
        {
            withZeroRow[9 * n + j] = withZeroRow[j * n + 9] = 0;
        }

        withZeroRow.CopyTo(all, 4 * n * n);
        var batch = new double[count * n];
        SymmetricEigenvalues.ComputeBatch(all, n, count, batch);
        AssertMatchesOracle(all, n, count, batch);
        Assert.All(batch.AsSpan(2 * n, n).ToArray(), x => Assert.Equal(0, x));
    }

    [Fact]
    public void Lanes_of_very_different_scale_are_each_exact()
    {
        int n = 16, count = 4;
        var rng = new Random(11);
        var unit = RandomSymmetric(n, rng);
        double[] scales = [1, Math.ScaleB(1.0, 500), Math.ScaleB(1.0, -500), 1e-3];
        var all = new double[count * n * n];
        for (int b = 0; b < count; b++)
        {
            for (int k = 0; k < n * n; k++)
            {
                all[b * n * n + k] = unit[k] * scales[b];
            }
        }

        var batch = new double[count * n];
        SymmetricEigenvalues.ComputeBatch(all, n, count, batch);
        double[] reference = Oracle(unit, n);
        for (int b = 0; b < count; b++)
        {
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(reference[k], batch[b * n + k] / scales[b], 12);
            }
        }
    }

    [Fact]
    public void Gaussian_grams_give_trace_n_and_no_large_negative_eigenvalues()
    {
        int n = 128, count = 6, d = 5;
        var rng = new Random(5);
        var all = new double[count * n * n];
        for (int b = 0; b < count; b++)
        {
            var pts = Enumerable.Range(0, n * d).Select(_ => rng.NextDouble()).ToArray();
            double sigma = 0.2 + 0.2 * b;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int c = 0; c < d; c++)
                    {
                        double t = pts[i * d + c] - pts[j * d + c];
                        s += t * t;
                    }

                    all[b * n * n + i * n + j] = Math.Exp(-s / (2 * sigma * sigma));
                }
            }
        }

        var batch = new double[count * n];
        SymmetricEigenvalues.ComputeBatch(all, n, count, batch);
        for (int b = 0; b < count; b++)
        {
            var ev = batch.AsSpan(b * n, n).ToArray();
            Assert.Equal(n, ev.Sum(), 1e-10 * n);
            Assert.All(ev, x => Assert.True(x >= -1e-12, $"λ = {x}"));
        }
    }

    [Fact]
    public void A_non_finite_entry_names_its_matrix()
    {
        int n = 10, count = 6;
        var all = new double[count * n * n];
        all[5 * n * n + 3 * n + 1] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeBatch(all, n, count, new double[count * n]));
        Assert.Equal("matrices", ex.ParamName);
        Assert.Contains("matrix 5", ex.Message, StringComparison.Ordinal);
    }
}
