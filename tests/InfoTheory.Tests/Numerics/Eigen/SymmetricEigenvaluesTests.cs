using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Tests.Compute;

public class SymmetricEigenvaluesTests
{
    private static double[] RandomSymmetric(int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double x = rng.NextDouble() * 2 - 1;
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }

        return a;
    }

    private static double[] GaussianGram(int n, int d, int seed, double sigma)
    {
        var rng = new Random(seed);
        var pts = new double[n * d];
        for (int i = 0; i < pts.Length; i++)
        {
            pts[i] = rng.NextDouble() * 2 - 1;
        }

        var k = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int c = 0; c < d; c++)
                {
                    double t = pts[i * d + c] - pts[j * d + c];
                    s += t * t;
                }

                double v = Math.Exp(-s / (2 * sigma * sigma));
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }

        return k;
    }

    private static double Frobenius(double[] a) => Math.Sqrt(a.Sum(x => x * x));

    private static double Trace(double[] a, int n)
    {
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += a[i * n + i];
        }

        return t;
    }

    private static double[] MathNetEigenvalues(double[] a, int n)
    {
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]);
        var ev = m.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(ev);
        return ev;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(expected[k] - actual[k]));
        }

        Assert.True(worst <= tolerance, $"max |Δλ| = {worst:E3} > {tolerance:E3}");
    }

    private static void AssertAscending(double[] values)
    {
        for (int k = 1; k < values.Length; k++)
        {
            Assert.True(values[k - 1] <= values[k], $"not ascending at {k}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(512)]
    public void MatchesMathNet(int n)
    {
        double[] a = RandomSymmetric(n, 1000 + n);
        double[] expected = MathNetEigenvalues(a, n);
        double[] actual = SymmetricEigenvalues.Compute(a, n);
        AssertAscending(actual);
        AssertClose(expected, actual, 1e-10 * Frobenius(a));
    }

    [Theory]
    [InlineData(65, 8)]
    [InlineData(127, 16)]
    [InlineData(200, 16)]
    [InlineData(257, 32)]
    [InlineData(333, 48)]
    public void BlockedPathMatchesMathNet(int n, int panel)
    {
        // The blocked (dlatrd-style) path on sizes that leave ragged panels and tiles.
        double[] a = RandomSymmetric(n, 2000 + n);
        double[] expected = MathNetEigenvalues(a, n);
        foreach (int threads in new[] { 1, 2 })
        {
            double[] work = (double[])a.Clone();
            var actual = new double[n];
            SymmetricEigenvalues.Solve(work, n, actual, threads, panel, forceBlocked: true);
            AssertClose(expected, actual, 1e-10 * Frobenius(a));
        }
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 2)]
    [InlineData(33, 4)]
    [InlineData(100, 8)]
    [InlineData(130, 16)]
    [InlineData(257, 32)]
    [InlineData(600, 32)]
    public void TwoStagePathMatchesMathNet(int n, int band)
    {
        // Dense → band (blocked Householder) → tridiagonal (bulge chasing), with ragged last panels.
        double[] a = RandomSymmetric(n, 3000 + n);
        double[] expected = MathNetEigenvalues(a, n);
        foreach (int threads in new[] { 1, 2 })
        {
            double[] work = (double[])a.Clone();
            var actual = new double[n];
            SymmetricEigenvalues.Solve(work, n, actual, threads, 48, twoStageBand: band);
            AssertClose(expected, actual, 1e-10 * Frobenius(a));
        }
    }

    [Theory]
    [InlineData(1e-160)]
    [InlineData(2e-155)]
    [InlineData(1e-200)]
    [InlineData(2e-314)] // itself subnormal: a reciprocal 1/‖x‖ would overflow
    public void IdentityWithSubnormalSquaredCouplingsKeepsItsEigenvalues(double tiny)
    {
        // A Gram of well-separated points: the identity with a few couplings whose squares are subnormal. A reflector
        // built from the plain sum of squares is not orthogonal there (an eigenvalue 0.99996 came out, and an entropy
        // above ln N); every reduction path must give 1 to round-off.
        int n = 120;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = 1;
        }

        foreach (var (i, j) in new[] { (5, 2), (40, 7), (77, 76), (119, 3), (60, 59), (100, 1) })
        {
            a[i * n + j] = a[j * n + i] = tiny;
        }

        var paths = new List<(string Name, double[] Values)>();
        foreach (var (name, blocked, band, unblocked) in new[] { ("unblocked", false, 0, true), ("blocked", true, 0, false), ("two-stage", false, 8, false) })
        {
            var values = new double[n];
            SymmetricEigenvalues.Solve((double[])a.Clone(), n, values, 2, 16, forceBlocked: blocked, twoStageBand: band, forceUnblocked: unblocked);
            paths.Add((name, values));
        }

        var batch = new double[3 * n];
        SymmetricEigenvalues.ComputeBatch([.. a, .. a, .. a], n, 3, batch);
        paths.Add(("batched", batch));
        var (vectorValues, _) = SymmetricEigendecomposition.Compute(a, n);
        paths.Add(("decomposition", vectorValues));
        foreach (var (name, values) in paths)
        {
            Assert.True(values.All(v => Math.Abs(v - 1) < 1e-14), $"{name}: eigenvalues from {values.Min():R} to {values.Max():R}, all should be 1.");
        }
    }

    [Fact]
    public void Diagonal()
    {
        int n = 6;
        double[] diag = { 3, -1, 0, 7.5, 2, -4 };
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = diag[i];
        }

        double[] sorted = diag.OrderBy(x => x).ToArray();
        Assert.Equal(sorted, SymmetricEigenvalues.Compute(a, n));
    }

    [Theory]
    [InlineData(2.0, 1.0, 3.0)]
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(1e-8, 1.0, -3.0)]
    public void TwoByTwoClosedForm(double p, double q, double r)
    {
        double[] a = { p, q, q, r };
        double mean = (p + r) / 2, rad = Math.Sqrt((p - r) * (p - r) / 4 + q * q);
        double[] actual = SymmetricEigenvalues.Compute(a, 2);
        Assert.Equal(mean - rad, actual[0], 14);
        Assert.Equal(mean + rad, actual[1], 14);
    }

    [Fact]
    public void RepeatedEigenvalues()
    {
        // Q diag(2, 2, 2, 5, 5, −1) Qᵀ with Q orthogonal from a product of reflectors.
        int n = 6;
        double[] lambda = { 2, 2, 2, 5, 5, -1 };
        var rng = new Random(7);
        var q = Matrix<double>.Build.Random(n, n, new MathNet.Numerics.Distributions.Normal(0, 1, rng)).QR().Q;
        var m = q * Matrix<double>.Build.DenseOfDiagonalArray(lambda) * q.Transpose();
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = m[i, j];
            }
        }

        AssertClose(lambda.OrderBy(x => x).ToArray(), SymmetricEigenvalues.Compute(a, n), 1e-13);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(400)]
    public void ZeroMatrix(int n)
    {
        Assert.All(SymmetricEigenvalues.Compute(new double[n * n], n), x => Assert.Equal(0.0, x));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(600)]
    public void RankOne(int n)
    {
        var rng = new Random(n);
        double[] v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = v[i] * v[j];
            }
        }

        double norm2 = v.Sum(x => x * x);
        double[] actual = SymmetricEigenvalues.Compute(a, n);
        double tol = 1e-13 * norm2 * Math.Sqrt(n);
        Assert.Equal(norm2, actual[^1], tol);
        for (int k = 0; k < n - 1; k++)
        {
            Assert.True(Math.Abs(actual[k]) <= tol, $"λ[{k}] = {actual[k]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(500)]
    public void Laplacian1D(int n)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = 2;
            if (i > 0)
            {
                a[i * n + i - 1] = -1;
                a[(i - 1) * n + i] = -1;
            }
        }

        double[] expected = Enumerable.Range(1, n).Select(k => 2 - 2 * Math.Cos(k * Math.PI / (n + 1))).OrderBy(x => x).ToArray();
        AssertClose(expected, SymmetricEigenvalues.Compute(a, n), 1e-13 * Math.Sqrt(n));
    }

    [Fact]
    public void WilkinsonMatrix()
    {
        // W₂₁⁺: nearly coincident eigenvalue pairs, a classic test for tridiagonal QL.
        int n = 21;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = Math.Abs(10 - i);
            if (i > 0)
            {
                a[i * n + i - 1] = 1;
                a[(i - 1) * n + i] = 1;
            }
        }

        double[] actual = SymmetricEigenvalues.Compute(a, n);
        AssertClose(MathNetEigenvalues(a, n), actual, 1e-12 * Frobenius(a));
        Assert.Equal(10.746194182903393, actual[^1], 12); // largest eigenvalue of W₂₁⁺
    }

    [Fact]
    public void GradedMatrix()
    {
        // D R D with D = diag(2^−k): entries span 24 orders of magnitude.
        int n = 80;
        double[] r = RandomSymmetric(n, 23);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = Math.ScaleB(r[i * n + j], -i - j);
            }
        }

        AssertClose(MathNetEigenvalues(a, n), SymmetricEigenvalues.Compute(a, n), 1e-12 * Frobenius(a));
    }

    [Fact]
    public void TinyCouplingsAndClusters()
    {
        int n = 50;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = i + 1;
            if (i > 0)
            {
                a[i * n + i - 1] = 1e-300; // its square underflows
                a[(i - 1) * n + i] = 1e-300;
            }
        }

        Assert.Equal(Enumerable.Range(1, n).Select(x => (double)x).ToArray(), SymmetricEigenvalues.Compute(a, n));

        // I + 1e-13·R: a tight cluster at 1.
        double[] r = RandomSymmetric(n, 29);
        double[] c = r.Select(x => 1e-13 * x).ToArray();
        for (int i = 0; i < n; i++)
        {
            c[i * n + i] += 1;
        }

        AssertClose(MathNetEigenvalues(c, n), SymmetricEigenvalues.Compute(c, n), 1e-14 * n);
    }

    [Property(MaxTest = 40)]
    public Property TraceAndFrobeniusAreInvariant(PositiveInt size, int seed)
    {
        int n = 1 + size.Get % 90;
        double[] a = RandomSymmetric(n, seed);
        double[] lambda = SymmetricEigenvalues.Compute(a, n);
        double fro = Frobenius(a);
        bool traceOk = Math.Abs(lambda.Sum() - Trace(a, n)) <= 1e-12 * fro * n;
        bool froOk = Math.Abs(lambda.Sum(x => x * x) - fro * fro) <= 1e-12 * fro * fro * n;
        return (traceOk && froOk).Label($"n = {n}, seed = {seed}");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(520)]
    public void ComputeLeavesInputUntouched(int n)
    {
        double[] a = RandomSymmetric(n, 3);
        double[] copy = (double[])a.Clone();
        SymmetricEigenvalues.Compute(a, n);
        Assert.Equal(copy, a);
    }

    [Fact]
    public void UpperTriangleIsIgnored()
    {
        int n = 40;
        double[] a = RandomSymmetric(n, 11);
        double[] expected = SymmetricEigenvalues.Compute(a, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                a[i * n + j] = double.NaN;
            }
        }

        Assert.Equal(expected, SymmetricEigenvalues.Compute(a, n));
    }

    [Fact]
    public void BatchEqualsPerMatrixCompute()
    {
        int n = 48, count = 13;
        var all = new double[count * n * n];
        for (int b = 0; b < count; b++)
        {
            RandomSymmetric(n, 500 + b).CopyTo(all, b * n * n);
        }

        var batch = new double[count * n];
        SymmetricEigenvalues.ComputeBatch(all, n, count, batch);
        for (int b = 0; b < count; b++)
        {
            // The batch runs the interleaved (one matrix per SIMD lane) reduction: same algorithm, other rounding.
            double[] single = SymmetricEigenvalues.Compute(all.AsSpan(b * n * n, n * n), n);
            AssertClose(single, batch.AsSpan(b * n, n).ToArray(), 1e-13 * n);
        }
    }

    [Fact]
    public void ParallelEqualsSerial()
    {
        int n = 1300; // blocked, parallel path (single-threaded runs the unblocked one)
        double[] a = GaussianGram(n, 10, 5, 0.8);
        double[] w1 = (double[])a.Clone(), w2 = (double[])a.Clone();
        var serial = new double[n];
        var parallel = new double[n];
        SymmetricEigenvalues.ComputeInPlace(w1, n, serial, parallel: false);
        SymmetricEigenvalues.ComputeInPlace(w2, n, parallel, parallel: true);
        AssertClose(serial, parallel, 1e-12 * Frobenius(a));
    }

    [Theory]
    [InlineData(100, 0.5)]
    [InlineData(600, 0.4)]
    public void GaussianGramIsPositiveSemidefinite(int n, double sigma)
    {
        double[] k = GaussianGram(n, 10, n, sigma);
        double[] lambda = SymmetricEigenvalues.Compute(k, n);
        Assert.All(lambda, x => Assert.True(x >= -1e-12, $"λ = {x}"));
        Assert.Equal(n, lambda.Sum(), 1e-10 * n); // trace of a Gaussian Gram matrix is n
    }

    [Fact]
    public void HugeAndTinyScalesAreExact()
    {
        double[] a = RandomSymmetric(30, 9);
        double[] reference = SymmetricEigenvalues.Compute(a, 30);
        foreach (double scale in new[] { Math.ScaleB(1.0, 600), Math.ScaleB(1.0, -600) })
        {
            double[] s = a.Select(x => x * scale).ToArray();
            double[] actual = SymmetricEigenvalues.Compute(s, 30).Select(x => x / scale).ToArray();
            AssertClose(reference, actual, 1e-13);
        }
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.Compute(new double[4], 0));
        Assert.Equal("n", ex.ParamName);
        Assert.Contains("n = 0", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.Compute(new double[8], 3));
        Assert.Equal("matrix", ex.ParamName);
        Assert.Contains("9", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeInPlace(new double[9], 3, new double[2]));
        Assert.Equal("eigenvalues", ex.ParamName);

        var bad = new double[9];
        bad[7] = double.NaN; // row 2, column 1: lower triangle
        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.Compute(bad, 3));
        Assert.Equal("matrix", ex.ParamName);
        Assert.Contains("NaN", ex.Message);
        Assert.Contains("row 2, column 1", ex.Message);

        bad[7] = double.PositiveInfinity;
        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeInPlace(bad, 3, new double[3]));
        Assert.Equal("matrix", ex.ParamName);

        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeBatch(new double[17], 3, 2, new double[6]));
        Assert.Equal("matrices", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeBatch(new double[18], 3, -1, new double[6]));
        Assert.Equal("count", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeBatch(new double[18], 3, 2, new double[5]));
        Assert.Equal("eigenvalues", ex.ParamName);
        var nanBatch = new double[18];
        nanBatch[9] = double.NaN;
        ex = Assert.Throws<ArgumentException>(() => SymmetricEigenvalues.ComputeBatch(nanBatch, 3, 2, new double[6]));
        Assert.Equal("matrices", ex.ParamName);
        Assert.Contains("matrix 1", ex.Message);
    }
}
