namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The contract every <see cref="ComputeBackend"/> must meet: closed forms where they exist (distances by hand,
/// tridiagonal Toeplitz spectra, Σk², neighbors on a line), and agreement with <see cref="ReferenceBackend"/> (every
/// primitive written plainly from its definition) up to rounding, primitive by primitive and through every estimator
/// that runs on a backend. <see cref="ComputeBackend.Cpu"/> meets it like any other backend, and a fault seeded into any
/// one of its primitives fails it (<see cref="SeededFaultTests"/>). Sizes are small: the ILGPU CPU simulator runs every
/// suite in CI.
/// </summary>
public abstract class BackendContract
{
    /// <summary>The backend under test.</summary>
    protected abstract ComputeBackend Backend { get; }

    /// <summary>What the backend must agree with.</summary>
    private static ComputeBackend Reference => ReferenceBackend.Instance;

    // ---- primitives: closed forms and the reference ----

    [BackendFact]
    public void DistancesByHand()
    {
        var x = new Samples(new double[] { 0, 0, 3, 4, 1, 1 }, 2);
        var d = new double[9];
        Backend.SquaredDistances(x, d);
        Assert.Equal([0.0, 25, 2, 25, 0, 13, 2, 13, 0], d);
    }

    [BackendFact]
    public void DistancesMatchTheReferenceOffTileSizes()
    {
        foreach (var (n, dims) in new[] { (1, 1), (17, 3), (33, 17), (20, 40) })
        {
            var x = Random(n, dims, seed: n * 100 + dims);
            var expected = new double[n * n];
            var actual = new double[n * n];
            Array.Fill(actual, double.NaN); // a destination's old contents (a pooled buffer) must not show through
            Reference.SquaredDistances(x, expected);
            Backend.SquaredDistances(x, actual);
            AssertClose(expected, actual, 1e-12);
        }
    }

    [BackendFact]
    public void GaussianGramMatchesTheReferenceAndHasUnitDiagonal()
    {
        var x = Random(19, 5, seed: 3);
        var expected = new double[19 * 19];
        var actual = new double[19 * 19];
        Reference.UnitGram(x, GaussianKernel.Instance, 1.7, expected);
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
    public void GramFromDistancesEqualsTheGramOfTheSamples()
    {
        // The median path: distances first, then K̃ in place; the same matrix as the direct Gram, for any kernel.
        var x = Random(21, 3, seed: 5);
        foreach (IKernel kernel in new IKernel[] { GaussianKernel.Instance, new ScaledLaplace() })
        {
            var expected = new double[21 * 21];
            var actual = new double[21 * 21];
            Reference.UnitGram(x, kernel, 1.3, expected);
            Backend.SquaredDistances(x, actual);
            Backend.UnitGramFromSquaredDistances(actual, 21, kernel, 1.3);
            AssertClose(expected, actual, 1e-13);
        }
    }

    [BackendFact]
    public void HadamardProductByHandAndInPlace()
    {
        int n = 6;
        var a = RandomSpd(n, seed: 1);
        var b = RandomSpd(n, seed: 2);
        var product = new double[n * n];
        Backend.HadamardProduct([a, b], [0, 1, 0], n, product);
        for (int e = 0; e < n * n; e++)
        {
            Assert.Equal(a[e] * b[e] * a[e], product[e], 1e-15);
        }

        // Into one of its own factors (the running product of the multivariate MI).
        var running = (double[])a.Clone();
        Backend.HadamardProduct([running, b], [0, 1], n, running);
        for (int e = 0; e < n * n; e++)
        {
            Assert.Equal(a[e] * b[e], running[e], 1e-15);
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
            Backend.EigenvaluesInPlace(m, n, eigenvalues);
            AssertClose(expected, eigenvalues, 1e-13);
        }
    }

    [BackendFact]
    public void BatchedSpectraMatchClosedFormAndTheReference()
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

        var reference = new double[36];
        var mine = new double[36];
        Reference.EigenvaluesBatch(random, 12, 3, reference);
        Backend.EigenvaluesBatch(random, 12, 3, mine);
        AssertClose(reference, mine, 1e-12);
    }

    [BackendFact]
    public void NonFiniteMatricesAreRefused()
    {
        var m = Toeplitz(4, 1, 0.5, upperGarbage: 0);
        m[2 * 4 + 1] = double.NaN;
        var ex = Assert.ThrowsAny<ArgumentException>(() => Backend.Eigenvalues(m, 4, new double[4]));
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Backend.EigenvaluesInPlace(m, 4, new double[4]));
        Assert.ThrowsAny<ArgumentException>(() => Backend.SubsetSpectra([m], 4, [[0]], new double[4]));
    }

    [BackendFact]
    public void SubsetSpectraAndNormsMatchTheReference()
    {
        // Random Grams, and subsets of one, two, three (one repeated) matrices; enough of them for the CPU's batched path.
        int n = 10;
        var mats = new[] { RandomSpd(n, 21), RandomSpd(n, 22), RandomSpd(n, 23) };
        int[][] subsets = [[0], [1, 2], [0, 1, 2], [2, 2], [1], [2, 0], [0, 2, 1], [1, 1, 0], [2]];
        var expected = new double[subsets.Length * n];
        var actual = new double[subsets.Length * n];
        Reference.SubsetSpectra(mats, n, subsets, expected);
        Backend.SubsetSpectra(mats, n, subsets, actual);
        AssertClose(expected, actual, 1e-13);
        // Unnormalised: the spectrum of a unit-diagonal Gram sums to N.
        Assert.Equal(n, actual.AsSpan(0, n).ToArray().Sum(), 1e-12);

        var referenceNorms = new double[subsets.Length];
        var norms = new double[subsets.Length];
        Reference.SubsetSquaredNorms(mats, n, subsets, referenceNorms);
        Backend.SubsetSquaredNorms(mats, n, subsets, norms);
        AssertClose(referenceNorms, norms, 1e-13);
        Assert.ThrowsAny<ArgumentException>(() => Backend.SubsetSpectra(mats, n, [[3]], actual));
        Assert.ThrowsAny<ArgumentException>(() => Backend.SubsetSquaredNorms(mats, n, [[]], norms));
    }

    [BackendFact]
    public void GaussianPairSumByHandAndAgainstTheReference()
    {
        // Points 0, 1, 3: squared distances 1, 9, 4, so Σ = e⁻¹ + e⁻⁹ + e⁻⁴.
        Assert.Equal(Math.Exp(-1) + Math.Exp(-9) + Math.Exp(-4), Backend.GaussianPairSum(new Samples(new double[] { 0, 1, 3 }, 1)), 1e-15);
        Assert.Equal(0.0, Backend.GaussianPairSum(new Samples(new double[] { 5 }, 1)));

        // Sizes around the 16×16 tiles (one tile, the diagonal tile's edge, several tile rows) and a wide d.
        foreach (var (n, d) in new[] { (16, 2), (17, 3), (40, 1), (33, 20) })
        {
            var x = Random(n, d, seed: 60 + n);
            double expected = Reference.GaussianPairSum(x);
            Assert.Equal(expected, Backend.GaussianPairSum(x), expected * 1e-13);
        }
    }

    [BackendFact]
    public void KernelPairSumsMatchTheReference()
    {
        // S₂ of any kernel with no N×N matrix: per subset Σ_{i>j} Πₚ K̃ₚ², for single variables and products.
        var x = Random(37, 2, seed: 62);
        var y = Random(37, 3, seed: 63);
        int[][] subsets = [[0], [1], [0, 1]];
        foreach (IKernel kernel in new IKernel[] { new ScaledLaplace(), GaussianKernel.Instance })
        {
            var expected = new double[3];
            var actual = new double[3];
            Reference.KernelPairSums([x, y], [0.9, 1.4], kernel, subsets, expected);
            Backend.KernelPairSums([x, y], [0.9, 1.4], kernel, subsets, actual);
            AssertClose(expected, actual, 1e-13);
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.KernelPairSums([x, y], [0.9], GaussianKernel.Instance, subsets, new double[3]));
        Assert.ThrowsAny<ArgumentException>(() => Backend.KernelPairSums([x, Random(5, 1, 1)], [1, 1], GaussianKernel.Instance, subsets, new double[3]));
    }

    [BackendFact]
    public void NearestNeighborsByHandAndAgainstTheReference()
    {
        // Points 0, 1, 3, 7 on a line (squared distances): 0 → 1 (1), 3 (9); 1 → 0 (1), 3 (4); 3 → 1 (4), 0 (9); 7 → 3 (16), 1 (36).
        var line = new Samples(new double[] { 0, 1, 3, 7 }, 1);
        var d = new double[8];
        var ids = new int[8];
        Backend.NearestNeighbors(line, 2, d, ids, KnnNorm.Euclidean);
        Assert.Equal([1.0, 9, 1, 4, 4, 9, 16, 36], d);
        Assert.Equal([1, 2, 0, 2, 1, 0, 2, 1], ids);
        Backend.NearestNeighbors(line, 2, d, ids, KnnNorm.Max);
        Assert.Equal([1.0, 3, 1, 2, 2, 3, 4, 6], d);

        // A tie: 0 has 1 and −1 at the same distance; both are its neighbors, in either order.
        var tie = new Samples(new double[] { 0, 1, -1 }, 1);
        Backend.NearestNeighbors(tie, 2, d.AsSpan(0, 6), ids.AsSpan(0, 6), KnnNorm.Max);
        Assert.Equal([1, 2], ids[..2].Order());
        Assert.Equal([1.0, 1], d[..2]);

        // Random points with a duplicate observation (its nearest distance is exactly 0, and every other point is as far
        // from it as from its copy), both norms, every search: the same distances, and the same neighbors wherever the
        // distance is not tied (the reference's (k+1)-th included).
        var x = ReplaceRow(Random(23, 3, seed: 8), 7, 3);
        foreach (var norm in new[] { KnnNorm.Euclidean, KnnNorm.Max })
        {
            var expected = new double[23 * 5];
            var expectedIds = new int[23 * 5];
            Reference.NearestNeighbors(x, 5, expected, expectedIds, norm);
            foreach (var search in new[] { NeighborSearch.Auto, NeighborSearch.KdTree, NeighborSearch.BruteForce })
            {
                var actual = new double[23 * 4];
                var actualIds = new int[23 * 4];
                Backend.NearestNeighbors(x, 4, actual, actualIds, norm, search);
                for (int i = 0; i < 23; i++)
                {
                    var row = expected.AsSpan(i * 5, 5).ToArray();
                    for (int j = 0; j < 4; j++)
                    {
                        Assert.Equal(row[j], actual[i * 4 + j], 1e-13);
                        if (row.Count(v => v == row[j]) == 1)
                        {
                            Assert.Equal(expectedIds[i * 5 + j], actualIds[i * 4 + j]);
                        }
                    }
                }

                Assert.Equal(0, actual[7 * 4]);
            }
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbors(line, 2, new double[8], new int[7], KnnNorm.Euclidean));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbors(line, 4, new double[16], new int[16], KnnNorm.Euclidean));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighbors(line, 2, new double[8], new int[8], (KnnNorm)7));
    }

    [BackendFact]
    public void CrossDistancesByHandAndAgainstTheReference()
    {
        // Queries 0 and 5 against the reference 1, 2, 10: nothing is excluded.
        var queries = new Samples(new double[] { 0, 5 }, 1);
        var reference = new Samples(new double[] { 1, 2, 10 }, 1);
        var d = new double[4];
        Backend.NearestNeighborDistances(queries, reference, 2, d, KnnNorm.Euclidean);
        Assert.Equal([1.0, 4, 9, 16], d);
        Backend.NearestNeighborDistances(queries, reference, 2, d, KnnNorm.Max);
        Assert.Equal([1.0, 2, 3, 4], d);
        Backend.NearestNeighborDistances(queries, queries, 1, d.AsSpan(0, 2), KnnNorm.Euclidean);
        Assert.Equal([0.0, 0], d[..2]);

        var p = Random(31, 2, seed: 9);
        var q = Random(19, 2, seed: 10);
        foreach (var norm in new[] { KnnNorm.Euclidean, KnnNorm.Max })
        {
            var expected = new double[31 * 3];
            var actual = new double[31 * 3];
            Reference.NearestNeighborDistances(p, q, 3, expected, norm);
            Backend.NearestNeighborDistances(p, q, 3, actual, norm);
            AssertClose(expected, actual, 1e-13);
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighborDistances(queries, new Samples(new double[] { 1, 2 }, 2), 1, d, KnnNorm.Euclidean));
        Assert.ThrowsAny<ArgumentException>(() => Backend.NearestNeighborDistances(queries, reference, 4, new double[8], KnnNorm.Euclidean));
    }

    [BackendFact]
    public void CountWithinByHandAndAgainstTheReference()
    {
        // Line 0, 1, 3, 7, radii (squared) 1, 4, 4, 16: strictly inside 0, 1, 0, 0; with the boundary 1, 2, 1, 1.
        var line = new Samples(new double[] { 0, 1, 3, 7 }, 1);
        var counts = new int[4];
        Backend.CountWithin(line, [1, 4, 4, 16], inclusive: false, counts, KnnNorm.Euclidean);
        Assert.Equal([0, 1, 0, 0], counts);
        Backend.CountWithin(line, [1, 4, 4, 16], inclusive: true, counts, KnnNorm.Euclidean);
        Assert.Equal([1, 2, 1, 1], counts);
        Backend.CountWithin(line, [0, 0, 0, 0], inclusive: true, counts, KnnNorm.Max);
        Assert.Equal([0, 0, 0, 0], counts);

        var x = Random(37, 3, seed: 12);
        var radii = Enumerable.Range(0, 37).Select(i => 0.05 * i).ToArray();
        foreach (var norm in new[] { KnnNorm.Euclidean, KnnNorm.Max })
        {
            foreach (bool inclusive in new[] { false, true })
            {
                var expected = new int[37];
                var actual = new int[37];
                Reference.CountWithin(x, radii, inclusive, expected, norm);
                Backend.CountWithin(x, radii, inclusive, actual, norm);
                Assert.Equal(expected, actual);
            }
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, double.NaN, 1, 1], false, counts, KnnNorm.Euclidean));
        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, -1, 1, 1], false, counts, KnnNorm.Euclidean));
        Assert.ThrowsAny<ArgumentException>(() => Backend.CountWithin(line, [1, 1, 1], false, counts, KnnNorm.Euclidean));
    }

    [BackendFact]
    public void KsgCountsMatchTheReference()
    {
        // A 2 + 1 + 1 joint space; subspaces as the KSG MI (x, y) and CMI ((x, z), (z, y), z) take them.
        var joint = Random(80, 4, seed: 13);
        Range[][] layouts = [[0..2, 2..4], [0..3, 2..4, 2..3]];
        foreach (var subspaces in layouts)
        {
            foreach (var variant in new[] { KsgVariant.One, KsgVariant.Two })
            {
                foreach (var norm in new[] { KnnNorm.Max, KnnNorm.Euclidean })
                {
                    var expected = new int[subspaces.Length * 80];
                    Reference.KsgNeighborCounts(joint, subspaces, 3, variant, expected, norm);
                    foreach (var search in new[] { NeighborSearch.KdTree, NeighborSearch.BruteForce })
                    {
                        var actual = new int[subspaces.Length * 80];
                        Backend.KsgNeighborCounts(joint, subspaces, 3, variant, actual, norm, search);
                        Assert.Equal(expected, actual);
                    }
                }
            }
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.KsgNeighborCounts(joint, [0..5], 3, KsgVariant.One, new int[80], KnnNorm.Max));
        Assert.ThrowsAny<ArgumentException>(() => Backend.KsgNeighborCounts(joint, [], 3, KsgVariant.One, new int[80], KnnNorm.Max));
        Assert.ThrowsAny<ArgumentException>(() => Backend.KsgNeighborCounts(joint, [0..2], 80, KsgVariant.One, new int[80], KnnNorm.Max));
    }

    [BackendFact]
    public void NonFiniteSamplesAreRefusedByEveryPrimitive()
    {
        // A NaN in observation 2 must be an ArgumentException naming it, never NaN distances, +∞ neighbors or a NaN sum.
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var x = new Samples(new double[] { 0, 1, 2, 3, bad, 5, 6, 7 }, 2);
            var good = Random(4, 2, seed: 80);
            AssertRefused(() => Backend.SquaredDistances(x, new double[16]));
            AssertRefused(() => Backend.UnitGram(x, GaussianKernel.Instance, 1, new double[16]));
            AssertRefused(() => Backend.NearestNeighbors(x, 1, new double[4], new int[4], KnnNorm.Euclidean));
            AssertRefused(() => Backend.NearestNeighborDistances(x, good, 1, new double[4], KnnNorm.Euclidean));
            AssertRefused(() => Backend.NearestNeighborDistances(good, x, 1, new double[4], KnnNorm.Euclidean));
            AssertRefused(() => Backend.CountWithin(x, [1, 1, 1, 1], false, new int[4], KnnNorm.Euclidean));
            AssertRefused(() => Backend.KsgNeighborCounts(x, [0..1, 1..2], 1, KsgVariant.One, new int[8], KnnNorm.Max));
            AssertRefused(() => Backend.GaussianPairSum(x));
            AssertRefused(() => Backend.KernelPairSums([good, x], [1, 1], GaussianKernel.Instance, [[0, 1]], new double[1]));
        }

        Assert.ThrowsAny<ArgumentException>(() => Backend.SquaredFrobeniusNorm([1, double.NaN, 2]));
        Assert.ThrowsAny<ArgumentException>(() => Backend.SquaredFrobeniusNorm([1e200, 1]));

        static void AssertRefused(Action call)
        {
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Contains("observation 2", e.Message, StringComparison.Ordinal);
        }
    }

    // ---- every estimator through the backend ----

    [BackendFact]
    public void EntropyMutualInformationAndJointMatchTheReference()
    {
        var x = Random(24, 3, seed: 31);
        var y = Random(24, 2, seed: 32);
        foreach (double alpha in new[] { 1.0, 1.01, 2 })
        {
            foreach (var bandwidth in new[] { Bandwidth.Silverman(), Bandwidth.Median() })
            {
                var reference = new MatrixRenyiOptions { Alpha = alpha, Bandwidth = bandwidth, Backend = Reference };
                var mine = reference with { Backend = Backend };
                Assert.Equal(new MatrixRenyiEntropy(reference).Estimate(x).Value.Nats, new MatrixRenyiEntropy(mine).Estimate(x).Value.Nats, 1e-10);
                Assert.Equal(new MatrixRenyiMutualInformation(reference).Estimate(x, y).Value.Nats, new MatrixRenyiMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-10);
                Assert.Equal(new MatrixRenyiEntropy(reference).EstimateJoint(x, y).Value.Nats, new MatrixRenyiEntropy(mine).EstimateJoint(x, y).Value.Nats, 1e-10);
            }
        }
    }

    [BackendFact]
    public void SecondOrderEntropyStreamsForAnyKernel()
    {
        // α = 2 with Silverman widths: a memory budget below N²·8 bytes does not matter, on any backend, for the Gaussian
        // (pair sums) and for any other kernel (kernel pair sums).
        var x = Random(60, 3, seed: 70);
        var y = Random(60, 2, seed: 71);
        foreach (IKernel kernel in new IKernel[] { GaussianKernel.Instance, new ScaledLaplace() })
        {
            var reference = new MatrixRenyiOptions { Alpha = 2, Kernel = kernel, Backend = Reference };
            var mine = reference with { Backend = Backend, MaxMemoryBytes = 20_000 }; // below one 60×60 Gram (28,800 bytes)
            Assert.Equal(new MatrixRenyiEntropy(reference).Estimate(x).Value.Nats, new MatrixRenyiEntropy(mine).Estimate(x).Value.Nats, 1e-12);
            Assert.Equal(new MatrixRenyiMutualInformation(reference).Estimate(x, y).Value.Nats, new MatrixRenyiMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-12);
        }
    }

    [BackendFact]
    public void PartialInformationAndMultivariateMatchTheReference()
    {
        int n = 16, c = 5, h = 2, w = 2;
        var x = Random(n, 4, seed: 41);
        var values = Random(n, c * h * w, seed: 42).ToArray();
        var layer = new FeatureMaps(values, n, c, h, w);
        foreach (double alpha in new[] { 1.01, 2 })
        {
            foreach (var bandwidth in new[] { Bandwidth.Silverman(), Bandwidth.Median() })
            {
                var reference = new MatrixRenyiOptions { Alpha = alpha, Bandwidth = bandwidth, Backend = Reference };
                var mine = reference with { Backend = Backend };
                var expected = new PartialInformationProxies(new PidOptions { Renyi = reference }).Estimate(x, layer);
                var actual = new PartialInformationProxies(new PidOptions { Renyi = mine }).Estimate(x, layer);
                Assert.Equal(expected.Mmi.Value.Nats, actual.Mmi.Value.Nats, 1e-10);
                Assert.Equal(expected.Rst.Nats, actual.Rst.Nats, 1e-10);
                Assert.Equal(expected.Wnri.Nats, actual.Wnri.Nats, 1e-10);
                Assert.Equal(expected.Pairs.Count, actual.Pairs.Count);
                for (int q = 0; q < expected.Pairs.Count; q++)
                {
                    Assert.Equal(expected.Pairs[q].JointInformation.Nats, actual.Pairs[q].JointInformation.Nats, 1e-10);
                }

                Assert.Equal(
                    MutualInformation.MatrixRenyiMultivariate(x, layer, reference).Value.Nats,
                    MutualInformation.MatrixRenyiMultivariate(x, layer, mine).Value.Nats,
                    1e-10);
            }
        }
    }

    [BackendFact]
    public void NearestNeighborEstimatorsMatchTheReference()
    {
        var x = Random(60, 2, seed: 51);
        var noise = Random(60, 1, seed: 52);
        var y = new Samples(Enumerable.Range(0, 60).Select(i => x[i, 0] + 0.5 * noise[i, 0]).ToArray(), 1);
        var z = Random(60, 1, seed: 53);
        var q = Random(45, 2, seed: 54);
        foreach (var norm in new[] { KnnNorm.Max, KnnNorm.Euclidean })
        {
            foreach (var variant in new[] { KsgVariant.One, KsgVariant.Two })
            {
                var reference = new KsgOptions { K = 4, Norm = norm, Variant = variant, Backend = Reference };
                var mine = reference with { Backend = Backend };
                Assert.Equal(new KsgMutualInformation(reference).Estimate(x, y).Value.Nats, new KsgMutualInformation(mine).Estimate(x, y).Value.Nats, 1e-12);
            }

            var ksg = new KsgOptions { K = 3, Norm = norm, Backend = Reference };
            Assert.Equal(
                new KsgConditionalMutualInformation(ksg).Estimate(x, y, z).Value.Nats,
                new KsgConditionalMutualInformation(ksg with { Backend = Backend }).Estimate(x, y, z).Value.Nats,
                1e-12);

            var knn = new KnnOptions { K = 3, Norm = norm, Backend = Reference };
            var onBackend = knn with { Backend = Backend };
            Assert.Equal(new KozachenkoLeonenkoEntropy(knn).Estimate(x).Value.Nats, new KozachenkoLeonenkoEntropy(onBackend).Estimate(x).Value.Nats, 1e-12);
            Assert.Equal(
                new WeightedKozachenkoLeonenkoEntropy(knn with { K = 6 }).Estimate(x).Value.Nats,
                new WeightedKozachenkoLeonenkoEntropy(onBackend with { K = 6 }).Estimate(x).Value.Nats,
                1e-12);
            Assert.Equal(new KnnEntropyMutualInformation(knn).Estimate(x, y).Value.Nats, new KnnEntropyMutualInformation(onBackend).Estimate(x, y).Value.Nats, 1e-12);
            Assert.Equal(new KnnKullbackLeiblerDivergence(knn).Estimate(x, q).Value.Nats, new KnnKullbackLeiblerDivergence(onBackend).Estimate(x, q).Value.Nats, 1e-12);
        }
    }

    [BackendFact]
    public void ProgressIsCountedInTheDocumentedUnits()
    {
        // Through the backend the estimators report the same stages, each ending at its total, as on the CPU.
        var x = Random(40, 3, seed: 55);
        var y = Random(40, 2, seed: 56);
        var options = new MatrixRenyiOptions { Backend = Backend };
        AssertStages(p => MutualInformation.MatrixRenyi(x, y, options, p), ("gram", 80), ("eigenvalues", 120));
        AssertStages(p => MutualInformation.MatrixRenyi(x, y, options with { Alpha = 2 }, p), ("gram", 120));
        AssertStages(p => Entropy.MatrixRenyi(x, options with { Bandwidth = Bandwidth.Median() }, p), ("gram", 40), ("eigenvalues", 40));
        var layer = new FeatureMaps(Random(40, 3 * 4, seed: 57).ToArray(), 40, 3, 2, 2);
        AssertStages(p => PartialInformation.Proxies(x, layer, new PidOptions { Renyi = options }, p), ("gram", 160), ("spectra", 1 + 2 * 3 + 2 * 3 + 2));

        static void AssertStages(Action<IProgress<EstimationProgress>> run, params (string Stage, long Total)[] stages)
        {
            var reports = new List<EstimationProgress>();
            run(new Recorder(reports));
            var ends = reports.GroupBy(r => r.Stage).Select(g => (g.Key, g.Last().Completed, g.Last().Total)).ToArray();
            Assert.Equal(stages.Select(s => (s.Stage, s.Total, s.Total)), ends);
        }
    }

    [BackendFact]
    public void CancellationStopsTheEstimate()
    {
        var x = Random(40, 3, seed: 58);
        using var source = new CancellationTokenSource();
        source.Cancel();
        var options = new MatrixRenyiOptions { Backend = Backend };
        Assert.ThrowsAny<OperationCanceledException>(() => Entropy.MatrixRenyi(x, options, cancellationToken: source.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Backend.UnitGram(x, GaussianKernel.Instance, 1, new double[40 * 40], new ComputeContext(true, source.Token)));
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
        ReferenceBackend.Instance.UnitGram(Random(n, 3, seed), GaussianKernel.Instance, 1.3, gram);
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

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Recorder(List<EstimationProgress> reports) : IProgress<EstimationProgress>
    {
        public void Report(EstimationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    /// <summary>κ = 3·exp(−‖x − y‖/σ): positive definite, with κ(0) = 3 so the unit Gram must divide by it.</summary>
    private sealed class ScaledLaplace : IKernel
    {
        public string Name => "scaled-laplace";

        public double Evaluate(double squaredDistance, double width) => 3 * Math.Exp(-Math.Sqrt(squaredDistance) / width);
    }
}
