namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The contract every <see cref="ComputeBackend"/> must meet: closed forms where they exist (distances by hand,
/// tridiagonal Toeplitz spectra, Σk²), and agreement with <see cref="ComputeBackend.Cpu"/> up to rounding on random
/// inputs and through the estimators. Sizes are small: the ILGPU CPU simulator runs every suite in CI.
/// </summary>
public abstract class BackendContract
{
    /// <summary>The backend under test.</summary>
    protected abstract ComputeBackend Backend { get; }

    private static ComputeBackend Cpu => ComputeBackend.Cpu;

    [BackendFact]
    public void DistancesByHand()
    {
        var x = new Samples(new double[] { 0, 0, 3, 4, 1, 1 }, 2);
        var d = new double[9];
        Backend.SquaredDistances(x, d);
        Assert.Equal([0.0, 25, 2, 25, 0, 13, 2, 13, 0], d);
    }

    [BackendFact]
    public void DistancesMatchCpuOffTileSizes()
    {
        foreach (var (n, dims) in new[] { (1, 1), (17, 3), (33, 17), (20, 40) })
        {
            var x = Random(n, dims, seed: n * 100 + dims);
            var expected = new double[n * n];
            var actual = new double[n * n];
            Cpu.SquaredDistances(x, expected);
            Backend.SquaredDistances(x, actual);
            AssertClose(expected, actual, 1e-12);
        }
    }

    [BackendFact]
    public void GaussianGramMatchesCpuAndHasUnitDiagonal()
    {
        var x = Random(19, 5, seed: 3);
        var expected = new double[19 * 19];
        var actual = new double[19 * 19];
        Cpu.UnitGram(x, GaussianKernel.Instance, 1.7, expected);
        Backend.UnitGram(x, GaussianKernel.Instance, 1.7, actual);
        AssertClose(expected, actual, 1e-13);
        for (int i = 0; i < 19; i++)
        {
            Assert.Equal(1.0, actual[i * 19 + i]);
        }

        // κ = exp(−D/(2σ²)) by hand for the first pair.
        double d01 = 0;
        for (int k = 0; k < 5; k++)
        {
            d01 += (x[0, k] - x[1, k]) * (x[0, k] - x[1, k]);
        }

        Assert.Equal(Math.Exp(-d01 / (2 * 1.7 * 1.7)), actual[1], 1e-14);
    }

    [BackendFact]
    public void OtherKernelsAreDividedByKappaZero()
    {
        var x = Random(9, 2, seed: 4);
        var gram = new double[81];
        Backend.UnitGram(x, new ScaledLaplace(), 2, gram);
        double d = 0;
        for (int k = 0; k < 2; k++)
        {
            d += (x[2, k] - x[5, k]) * (x[2, k] - x[5, k]);
        }

        Assert.Equal(Math.Exp(-Math.Sqrt(d) / 2), gram[2 * 9 + 5], 1e-13);
        Assert.Equal(1.0, gram[4 * 9 + 4]);
    }

    [BackendFact]
    public void HadamardIsTraceNormalised()
    {
        int n = 6;
        var a = RandomSpd(n, seed: 1);
        var b = RandomSpd(n, seed: 2);
        var product = new double[n * n];
        Backend.NormalizedHadamard([a, b], [0, 1, 0], n, product);
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += a[i * n + i] * b[i * n + i] * a[i * n + i];
        }

        for (int e = 0; e < n * n; e++)
        {
            Assert.Equal(a[e] * b[e] * a[e] / trace, product[e], 1e-14);
        }
    }

    [BackendFact]
    public void FrobeniusNormOfIntegers()
    {
        // Σ_{k=1..m} k² = m(m+1)(2m+1)/6, exact in doubles.
        foreach (int m in new[] { 1, 255, 1000 })
        {
            var values = Enumerable.Range(1, m).Select(k => (double)k).ToArray();
            Assert.Equal(m * (m + 1.0) * (2 * m + 1) / 6, Backend.SquaredFrobeniusNorm(values));
        }

        Assert.Equal(0, Backend.SquaredFrobeniusNorm([]));
    }

    [BackendFact]
    public void ToeplitzSpectraInClosedForm()
    {
        // tridiag(b, a, b) of order n has eigenvalues a + 2b·cos(kπ/(n+1)), k = 1..n. Upper triangle holds garbage:
        // only the lower one may be read.
        foreach (int n in new[] { 1, 2, 5, 17, 40 })
        {
            var m = Toeplitz(n, 2.5, -0.75, upperGarbage: 99);
            var eigenvalues = new double[n];
            Backend.Eigenvalues(m, n, eigenvalues);
            var expected = Enumerable.Range(1, n).Select(k => 2.5 + 2 * -0.75 * Math.Cos(k * Math.PI / (n + 1))).Order().ToArray();
            AssertClose(expected, eigenvalues, 1e-13);
        }
    }

    [BackendFact]
    public void BatchedSpectraMatchClosedFormAndCpu()
    {
        int n = 17, count = 5;
        var batch = new double[count * n * n];
        var expected = new double[count * n];
        for (int b = 0; b < count; b++)
        {
            Toeplitz(n, b, 1 + b, upperGarbage: -7).CopyTo(batch, b * n * n);
            Enumerable.Range(1, n).Select(k => b + 2.0 * (1 + b) * Math.Cos(k * Math.PI / (n + 1))).Order().ToArray().CopyTo(expected, b * n);
        }

        var actual = new double[count * n];
        Backend.EigenvaluesBatch(batch, n, count, actual);
        AssertClose(expected, actual, 1e-12);

        var random = new double[3 * 12 * 12];
        for (int b = 0; b < 3; b++)
        {
            RandomSpd(12, seed: 10 + b).CopyTo(random, b * 144);
        }

        var cpu = new double[36];
        var mine = new double[36];
        Cpu.EigenvaluesBatch(random, 12, 3, cpu);
        Backend.EigenvaluesBatch(random, 12, 3, mine);
        AssertClose(cpu, mine, 1e-12);
    }

    [BackendFact]
    public void NonFiniteMatricesAreRefused()
    {
        var m = Toeplitz(4, 1, 0.5, upperGarbage: 0);
        m[2 * 4 + 1] = double.NaN;
        var ex = Assert.ThrowsAny<ArgumentException>(() => Backend.Eigenvalues(m, 4, new double[4]));
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [BackendFact]
    public void NearestNeighbourDistancesByHandAndBruteForce()
    {
        // Points 0, 1, 3, 7 on a line: nearest squared distances 1, 1, 4, 16; second nearest 9, 4, 9, 36.
        var line = new Samples(new double[] { 0, 1, 3, 7 }, 1);
        var two = new double[8];
        Backend.NearestNeighbourDistances(line, 2, two);
        Assert.Equal([1.0, 9, 1, 4, 4, 9, 16, 36], two);
        Backend.NearestNeighbourDistances(line, 2, two, NeighbourMetric.Chebyshev);
        Assert.Equal([1.0, 3, 1, 2, 2, 3, 4, 6], two);
        NearestNeighbourDistancesMatchBruteForce();
    }

    private void NearestNeighbourDistancesMatchBruteForce()
    {
        var x = Random(23, 3, seed: 8);
        // A duplicate observation: its nearest distance is exactly 0.
        for (int k = 0; k < 3; k++)
        {
            x = ReplaceRow(x, 7, 3);
        }

        var actual = new double[23 * 4];
        Backend.NearestNeighbourDistances(x, 4, actual);
        for (int i = 0; i < 23; i++)
        {
            var row = Enumerable.Range(0, 23).Where(j => j != i)
                .Select(j => Enumerable.Range(0, 3).Sum(k => (x[i, k] - x[j, k]) * (x[i, k] - x[j, k]))).Order().Take(4).ToArray();
            AssertClose(row, actual.AsSpan(i * 4, 4).ToArray(), 1e-13);
        }

        Assert.Equal(0, actual[7 * 4]);

        // The max-norm of the KSG estimator.
        Backend.NearestNeighbourDistances(x, 4, actual, NeighbourMetric.Chebyshev);
        for (int i = 0; i < 23; i++)
        {
            var row = Enumerable.Range(0, 23).Where(j => j != i)
                .Select(j => Enumerable.Range(0, 3).Max(k => Math.Abs(x[i, k] - x[j, k]))).Order().Take(4).ToArray();
            AssertClose(row, actual.AsSpan(i * 4, 4).ToArray(), 0);
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbourDistances(x, 2, actual, (NeighbourMetric)7));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbourDistances(x, 23, new double[23 * 23]));
    }

    [BackendFact]
    public void NearestNeighboursWithIndicesByHand()
    {
        // Points 0, 1, 3, 7 on a line (squared distances): 0 → 1 (1), 3 (9); 1 → 0 (1), 3 (4); 3 → 1 (4), 0 (9); 7 → 3 (16), 1 (36).
        var line = new Samples(new double[] { 0, 1, 3, 7 }, 1);
        var d = new double[8];
        var ids = new int[8];
        Backend.NearestNeighbours(line, 2, d, ids);
        Assert.Equal([1.0, 9, 1, 4, 4, 9, 16, 36], d);
        Assert.Equal([1, 2, 0, 2, 1, 0, 2, 1], ids);

        // A tie: 0 has 1 and −1 at the same distance; the smaller index comes first.
        var tie = new Samples(new double[] { 0, 1, -1 }, 1);
        Backend.NearestNeighbours(tie, 2, d.AsSpan(0, 6), ids.AsSpan(0, 6), NeighbourMetric.Chebyshev);
        Assert.Equal([1, 2], ids[..2]);
        Assert.Equal([1.0, 1], d[..2]);
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbours(line, 2, new double[8], new int[7]));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbours(line, 4, new double[16], new int[16]));
    }

    [BackendFact]
    public void CrossDistancesByHand()
    {
        // Queries 0 and 5 against the reference 1, 2, 10: nothing is excluded.
        var queries = new Samples(new double[] { 0, 5 }, 1);
        var reference = new Samples(new double[] { 1, 2, 10 }, 1);
        var d = new double[4];
        Backend.NearestNeighbourDistances(queries, reference, 2, d);
        Assert.Equal([1.0, 4, 9, 16], d);
        Backend.NearestNeighbourDistances(queries, reference, 2, d, NeighbourMetric.Chebyshev);
        Assert.Equal([1.0, 2, 3, 4], d);
        Backend.NearestNeighbourDistances(queries, queries, 1, d.AsSpan(0, 2));
        Assert.Equal([0.0, 0], d[..2]);
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbourDistances(queries, new Samples(new double[] { 1, 2 }, 2), 1, d));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbourDistances(queries, reference, 4, new double[8]));
    }

    [BackendFact]
    public void CountWithinByHandAndAgainstCpu()
    {
        // Line 0, 1, 3, 7, radii (squared) 1, 4, 4, 16: strictly inside 0, 1, 0, 0; with the boundary 1, 2, 1, 1.
        var line = new Samples(new double[] { 0, 1, 3, 7 }, 1);
        var counts = new int[4];
        Backend.CountWithin(line, [1, 4, 4, 16], inclusive: false, counts);
        Assert.Equal([0, 1, 0, 0], counts);
        Backend.CountWithin(line, [1, 4, 4, 16], inclusive: true, counts);
        Assert.Equal([1, 2, 1, 1], counts);
        Backend.CountWithin(line, [0, 0, 0, 0], inclusive: true, counts, NeighbourMetric.Chebyshev);
        Assert.Equal([0, 0, 0, 0], counts);

        var x = Random(37, 3, seed: 12);
        var radii = Enumerable.Range(0, 37).Select(i => 0.05 * i).ToArray();
        foreach (var metric in new[] { NeighbourMetric.SquaredEuclidean, NeighbourMetric.Chebyshev })
        {
            var expected = new int[37];
            var actual = new int[37];
            Cpu.CountWithin(x, radii, false, expected, metric);
            Backend.CountWithin(x, radii, false, actual, metric);
            Assert.Equal(expected, actual);
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, double.NaN, 1, 1], false, counts));
        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, -1, 1, 1], false, counts));
        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, 1, 1], false, counts));
    }

    [BackendFact]
    public void NearestNeighbourEstimatorsMatchCpu()
    {
        var x = Random(60, 2, seed: 51);
        var noise = Random(60, 1, seed: 52);
        var y = new Samples(Enumerable.Range(0, 60).Select(i => x[i, 0] + 0.5 * noise[i, 0]).ToArray(), 1);
        var z = Random(60, 1, seed: 53);
        foreach (var norm in new[] { KnnNorm.Max, KnnNorm.Euclidean })
        {
            foreach (var variant in new[] { KsgVariant.One, KsgVariant.Two })
            {
                var cpu = new KsgOptions { K = 4, Norm = norm, Variant = variant };
                var mine = cpu with { Backend = Backend };
                Assert.Equal(new KsgMutualInformation(cpu).Estimate(x, y).Value.Nats, new KsgMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-12);
            }

            var ksg = new KsgOptions { K = 3, Norm = norm };
            Assert.Equal(
                new KsgConditionalMutualInformation(ksg).Estimate(x, y, z).Value.Nats,
                new KsgConditionalMutualInformation(ksg with { Backend = Backend }).Estimate(x, y, z).Value.Nats,
                1e-12);

            var knn = new KnnOptions { K = 3, Norm = norm };
            var onBackend = knn with { Backend = Backend };
            Assert.Equal(new KozachenkoLeonenkoEntropy(knn).Estimate(x).Value.Nats, new KozachenkoLeonenkoEntropy(onBackend).Estimate(x).Value.Nats, 1e-12);
            Assert.Equal(
                new WeightedKozachenkoLeonenkoEntropy(knn with { K = 6 }).Estimate(x).Value.Nats,
                new WeightedKozachenkoLeonenkoEntropy(onBackend with { K = 6 }).Estimate(x).Value.Nats,
                1e-12);
            Assert.Equal(new KnnEntropyMutualInformation(knn).Estimate(x, y).Value.Nats, new KnnEntropyMutualInformation(onBackend).Estimate(x, y).Value.Nats, 1e-12);
            var q = Random(45, 2, seed: 54);
            Assert.Equal(new KnnKullbackLeiblerDivergence(knn).Estimate(x, q).Value.Nats, new KnnKullbackLeiblerDivergence(onBackend).Estimate(x, q).Value.Nats, 1e-12);
        }
    }

    [BackendFact]
    public void GaussianPairSumByHandAndAgainstCpu()
    {
        // Points 0, 1, 3: squared distances 1, 9, 4, so Σ = e⁻¹ + e⁻⁹ + e⁻⁴.
        Assert.Equal(Math.Exp(-1) + Math.Exp(-9) + Math.Exp(-4), Backend.GaussianPairSum(new Samples(new double[] { 0, 1, 3 }, 1)), 1e-15);
        Assert.Equal(0.0, Backend.GaussianPairSum(new Samples(new double[] { 5 }, 1)));

        // Sizes around the 16×16 tiles (one tile, the diagonal tile's edge, several tile rows) and a wide d.
        foreach (var (n, d) in new[] { (16, 2), (17, 3), (40, 1), (33, 20) })
        {
            var x = Random(n, d, seed: 60 + n);
            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double sq = 0;
                    for (int c = 0; c < d; c++)
                    {
                        sq += (x[i, c] - x[j, c]) * (x[i, c] - x[j, c]);
                    }

                    expected += Math.Exp(-sq);
                }
            }

            Assert.Equal(expected, Backend.GaussianPairSum(x), expected * 1e-13);
            Assert.Equal(Cpu.GaussianPairSum(x), Backend.GaussianPairSum(x), expected * 1e-13);
        }
    }

    [BackendFact]
    public void SecondOrderEntropyOfGaussianKernelsNeedsNoGram()
    {
        // α = 2 with Silverman widths: a memory budget below N²·8 bytes does not matter, on any backend.
        var x = Random(60, 3, seed: 70);
        var y = Random(60, 2, seed: 71);
        var cpu = new MatrixRenyiOptions { Alpha = 2, MaxMemoryBytes = 20_000 }; // below one 60×60 Gram (28,800 bytes)
        var mine = cpu with { Backend = Backend };
        Assert.Equal(new MatrixRenyiEntropy(cpu).Estimate(x).Value.Nats, new MatrixRenyiEntropy(mine).Estimate(x).Value.Nats, 1e-12);
        Assert.Equal(new MatrixRenyiMutualInformation(cpu).Estimate(x, y).Value.Nats, new MatrixRenyiMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-12);
    }

    [BackendFact]
    public void NonFiniteSamplesAreRefusedByEveryPrimitive()
    {
        // A NaN in observation 2 must be an ArgumentException naming it, never NaN distances, +∞ neighbours or a NaN sum.
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var x = new Samples(new double[] { 0, 1, 2, 3, bad, 5, 6, 7 }, 2);
            var good = Random(4, 2, seed: 80);
            AssertRefused(() => Backend.SquaredDistances(x, new double[16]));
            AssertRefused(() => Backend.UnitGram(x, GaussianKernel.Instance, 1, new double[16]));
            AssertRefused(() => Backend.NearestNeighbourDistances(x, 1, new double[4]));
            AssertRefused(() => Backend.NearestNeighbours(x, 1, new double[4], new int[4]));
            AssertRefused(() => Backend.NearestNeighbourDistances(x, good, 1, new double[4]));
            AssertRefused(() => Backend.NearestNeighbourDistances(good, x, 1, new double[4]));
            AssertRefused(() => Backend.CountWithin(x, [1, 1, 1, 1], false, new int[4]));
            AssertRefused(() => Backend.GaussianPairSum(x));
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.SquaredFrobeniusNorm([1, double.NaN, 2]));
        Assert.ThrowsAny<ArgumentException>(() => Backend.SquaredFrobeniusNorm([1e200, 1]));

        static void AssertRefused(Action call)
        {
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Contains("observation 2", e.Message, StringComparison.Ordinal);
        }
    }

    [BackendFact]
    public void SubsetSpectraAndNormsMatchCpu()
    {
        int n = 10;
        var mats = new[] { RandomSpd(n, 21), RandomSpd(n, 22), RandomSpd(n, 23) };
        int[][] subsets = [[0], [1, 2], [0, 1, 2], [2, 2]];
        var expected = new double[subsets.Length * n];
        var actual = new double[subsets.Length * n];
        Cpu.SubsetSpectra(mats, n, subsets, expected);
        Backend.SubsetSpectra(mats, n, subsets, actual);
        AssertClose(expected, actual, 1e-13);

        var normsCpu = new double[subsets.Length];
        var norms = new double[subsets.Length];
        Cpu.SubsetSquaredNorms(mats, n, subsets, normsCpu);
        Backend.SubsetSquaredNorms(mats, n, subsets, norms);
        AssertClose(normsCpu, norms, 1e-13);
        Assert.ThrowsAny<ArgumentException>(() => Backend.SubsetSpectra(mats, n, [[3]], actual));
    }

    [BackendFact]
    public void EntropyMutualInformationAndJointMatchCpu()
    {
        var x = Random(24, 3, seed: 31);
        var y = Random(24, 2, seed: 32);
        foreach (double alpha in new[] { 1.0, 1.01, 2 })
        {
            foreach (var bandwidth in new[] { Bandwidth.Silverman(), Bandwidth.Median() })
            {
                var cpu = new MatrixRenyiOptions { Alpha = alpha, Bandwidth = bandwidth };
                var mine = cpu with { Backend = Backend };
                Assert.Equal(new MatrixRenyiEntropy(cpu).Estimate(x).Value.Nats, new MatrixRenyiEntropy(mine).Estimate(x).Value.Nats, 1e-10);
                Assert.Equal(new MatrixRenyiMutualInformation(cpu).Estimate(x, y).Value.Nats, new MatrixRenyiMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-10);
                Assert.Equal(new MatrixRenyiEntropy(cpu).EstimateJoint(x, y).Value.Nats, new MatrixRenyiEntropy(mine).EstimateJoint(x, y).Value.Nats, 1e-10);
            }
        }
    }

    [BackendFact]
    public void PartialInformationPassMatchesCpu()
    {
        int n = 16, c = 5, h = 2, w = 2;
        var x = Random(n, 4, seed: 41);
        var values = Random(n, c * h * w, seed: 42).ToArray();
        var layer = new FeatureMaps(values, n, c, h, w);
        foreach (double alpha in new[] { 1.01, 2 })
        {
            var cpu = new PidOptions { Renyi = new MatrixRenyiOptions { Alpha = alpha } };
            var mine = new PidOptions { Renyi = cpu.Renyi with { Backend = Backend } };
            var expected = new PartialInformationProxies(cpu).Estimate(x, layer);
            var actual = new PartialInformationProxies(mine).Estimate(x, layer);
            Assert.Equal(expected.Mmi.Value.Nats, actual.Mmi.Value.Nats, 1e-10);
            Assert.Equal(expected.Rst.Nats, actual.Rst.Nats, 1e-10);
            Assert.Equal(expected.Wnri.Nats, actual.Wnri.Nats, 1e-10);
            Assert.Equal(expected.Pairs.Count, actual.Pairs.Count);
            Assert.Equal(
                MutualInformation.MatrixRenyiMultivariate(x, layer, cpu.Renyi).Value.Nats,
                MutualInformation.MatrixRenyiMultivariate(x, layer, mine.Renyi).Value.Nats,
                1e-10);
            for (int q = 0; q < expected.Pairs.Count; q++)
            {
                Assert.Equal(expected.Pairs[q].JointInformation.Nats, actual.Pairs[q].JointInformation.Nats, 1e-10);
            }
        }
    }

    internal static Samples Random(int n, int d, int seed)
    {
        var random = new Random(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * 4 - 2;
        }

        return new Samples(values, d);
    }

    /// <summary>A symmetric n×n matrix with entries uniform in [−1, 1) (indefinite in general).</summary>
    internal static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                m[i * n + j] = m[j * n + i] = random.NextDouble() * 2 - 1;
            }
        }

        return m;
    }

    internal static double[] RandomSpd(int n, int seed)
    {
        // A Gaussian Gram of random points: symmetric, positive definite, unit diagonal.
        var gram = new double[n * n];
        ComputeBackend.Cpu.UnitGram(Random(n, 3, seed), GaussianKernel.Instance, 1.3, gram);
        return gram;
    }

    internal static double[] Toeplitz(int n, double a, double b, double upperGarbage)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] = a;
            if (i > 0)
            {
                m[i * n + i - 1] = b;
            }

            for (int j = i + 1; j < n; j++)
            {
                m[i * n + j] = upperGarbage;
            }
        }

        return m;
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static Samples ReplaceRow(Samples x, int target, int source)
    {
        var values = x.ToArray();
        for (int k = 0; k < x.Dimensions; k++)
        {
            values[target * x.Dimensions + k] = values[source * x.Dimensions + k];
        }

        return new Samples(values, x.Dimensions);
    }

    /// <summary>κ = 3·exp(−‖x − y‖/σ): positive definite, with κ(0) = 3 so the unit Gram must divide by it.</summary>
    private sealed class ScaledLaplace : IKernel
    {
        public string Name => "scaled-laplace";

        public double Evaluate(double squaredDistance, double width) => 3 * Math.Exp(-Math.Sqrt(squaredDistance) / width);
    }
}
