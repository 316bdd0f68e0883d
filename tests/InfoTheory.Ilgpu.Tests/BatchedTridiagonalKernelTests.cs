namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The batched Householder + root-free QL eigenvalue path (<see cref="IlgpuBatchedEigenSolver.Tridiagonal"/>) on
/// ILGPU's CPU accelerator: against the CPU solver on random symmetric and PSD matrices, closed forms, reflectors of
/// zero columns, batch counts that divide nothing, chunked batches, and agreement with the Jacobi path.
/// </summary>
[Collection("ilgpu")]
public sealed class BatchedTridiagonalKernelTests(IlgpuBackends backends)
{
    private IlgpuBackend Device => backends.Simulator;

    [Fact]
    public void TridiagonalIsTheDefaultAndUnknownSolversAreRefused()
    {
        Assert.Equal(IlgpuBatchedEigenSolver.Tridiagonal, new IlgpuBackendOptions().BatchedEigenSolver);
        Assert.Equal(IlgpuBatchedEigenSolver.Tridiagonal, Device.Options.BatchedEigenSolver);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IlgpuBackendOptions { BatchedEigenSolver = (IlgpuBatchedEigenSolver)7 });
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(16, 3)]
    [InlineData(17, 3)]
    [InlineData(33, 3)]
    [InlineData(128, 1)]
    public void RandomSymmetricAndPsdBatchesMatchCpu(int n, int perKind)
    {
        // perKind each of: random symmetric in [−1, 1], a Gaussian Gram (PD, unit diagonal) and a rank-3 Gram X·Xᵀ
        // (PSD with n − 3 zero eigenvalues, which round-off turns into tiny values of either sign).
        var matrices = new List<double[]>();
        for (int q = 0; q < perKind; q++)
        {
            matrices.Add(BackendContract.RandomSymmetric(n, seed: 1000 * n + q));
            matrices.Add(BackendContract.RandomSpd(n, seed: 2000 * n + q));
            matrices.Add(LowRankGram(n, rank: 3, seed: 3000 * n + q));
        }

        AssertMatchesCpu(matrices, n, 1e-12);
    }

    [Fact]
    public void ToeplitzDiagonalAndZeroMatricesInClosedForm()
    {
        // tridiag(b, a, b): a + 2b·cos(kπ/(n+1)); a diagonal matrix: its diagonal; zero: zeros. The upper triangle
        // holds garbage (only the lower one may be read). Every reflector of the diagonal and zero matrices is zero.
        int n = 19;
        var diagonal = new double[n * n];
        var diagonalValues = new double[n];
        for (int i = 0; i < n; i++)
        {
            diagonalValues[i] = diagonal[i * n + i] = Math.Sin(3.0 * i) * (i + 1);
        }

        var batch = BackendContract.Toeplitz(n, 2.5, -0.75, upperGarbage: 99)
            .Concat(diagonal)
            .Concat(new double[n * n])
            .Concat(BackendContract.Toeplitz(n, -1, 3, upperGarbage: -5))
            .ToArray();
        var actual = new double[4 * n];
        Device.EigenvaluesBatch(batch, n, 4, actual);

        var toeplitz = Enumerable.Range(1, n).Select(k => 2.5 + 2 * -0.75 * Math.Cos(k * Math.PI / (n + 1))).Order().ToArray();
        BackendContract.AssertClose(toeplitz, actual[..n], 1e-13);
        Assert.Equal(diagonalValues.Order().ToArray(), actual[n..(2 * n)]);
        Assert.All(actual[(2 * n)..(3 * n)], v => Assert.Equal(0.0, v));
        var second = Enumerable.Range(1, n).Select(k => -1 + 2 * 3 * Math.Cos(k * Math.PI / (n + 1))).Order().ToArray();
        BackendContract.AssertClose(second, actual[(3 * n)..], 1e-13);
    }

    [Fact]
    public void ZeroColumnsAndBlockDiagonalMatricesMatchCpu()
    {
        // Zero rows/columns (the first, so the very first reflector is zero, and interior ones), and a block-diagonal
        // matrix whose reflector goes to zero partway through the reduction.
        int n = 12;
        var zeroColumns = BackendContract.RandomSymmetric(n, seed: 5);
        foreach (int z in new[] { 0, 4, 5, 11 })
        {
            for (int i = 0; i < n; i++)
            {
                zeroColumns[z * n + i] = zeroColumns[i * n + z] = 0;
            }
        }

        var blocks = new double[n * n];
        var upper = BackendContract.RandomSymmetric(5, seed: 6);
        var lower = BackendContract.RandomSymmetric(n - 5, seed: 7);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                blocks[i * n + j] = upper[i * 5 + j];
            }
        }

        for (int i = 0; i < n - 5; i++)
        {
            for (int j = 0; j < n - 5; j++)
            {
                blocks[(i + 5) * n + j + 5] = lower[i * (n - 5) + j];
            }
        }

        var ones = Enumerable.Repeat(1.0, n * n).ToArray();
        AssertMatchesCpu([zeroColumns, blocks, ones], n, 1e-13);
        var eigenvalues = new double[n];
        Device.EigenvaluesBatch(ones, n, 1, eigenvalues);
        Assert.Equal(n, eigenvalues[^1], 1e-13);
        Assert.All(eigenvalues[..^1], v => Assert.Equal(0, v, 1e-13));
    }

    [Theory]
    [InlineData(5, 7)]
    [InlineData(9, 13)]
    [InlineData(4, 1)]
    public void BatchCountsThatDivideNothingMatchCpu(int n, int count)
    {
        var matrices = Enumerable.Range(0, count).Select(b => b % 2 == 0 ? BackendContract.RandomSymmetric(n, 40 + b) : BackendContract.RandomSpd(n, 40 + b)).ToList();
        AssertMatchesCpu(matrices, n, 1e-13);
    }

    [Fact]
    public void ChunkedBatchesUseEachChunksOwnStride()
    {
        // A memory limit that fits two matrices (8·(n² + 4n + 1) bytes each) splits 5 into chunks of 2, 2 and 1: the
        // interleaved layout's stride is the chunk's count, not the buffer's.
        int n = 6, count = 5;
        using var tight = IlgpuBackend.Create(new IlgpuBackendOptions { Device = IlgpuDevice.Cpu, MemoryLimitBytes = 2 * 8 * (n * n + 4 * n + 1) + 100 });
        var matrices = Enumerable.Range(0, count).Select(b => BackendContract.RandomSymmetric(n, 70 + b)).ToList();
        var flat = matrices.SelectMany(m => m).ToArray();
        var expected = new double[count * n];
        var actual = new double[count * n];
        ComputeBackend.Cpu.EigenvaluesBatch(flat, n, count, expected);
        tight.EigenvaluesBatch(flat, n, count, actual);
        BackendContract.AssertClose(expected, actual, 1e-13);
        Assert.Equal(0, tight.FallbackCount);
    }

    [Fact]
    public void JacobiAndTridiagonalAgree()
    {
        int n = 24, count = 4;
        var flat = Enumerable.Range(0, count)
            .SelectMany(b => b % 2 == 0 ? BackendContract.RandomSpd(n, 90 + b) : BackendContract.RandomSymmetric(n, 90 + b))
            .ToArray();
        var jacobi = new double[count * n];
        var tridiagonal = new double[count * n];
        Device.EigenvaluesBatch(flat, n, count, jacobi, IlgpuBatchedEigenSolver.Jacobi);
        Device.EigenvaluesBatch(flat, n, count, tridiagonal, IlgpuBatchedEigenSolver.Tridiagonal);
        BackendContract.AssertClose(jacobi, tridiagonal, 1e-13);
    }

    [Fact]
    public void SubsetSpectraOnTheTridiagonalPathMatchCpu()
    {
        int n = 11;
        var mats = Enumerable.Range(0, 4).Select(s => BackendContract.RandomSpd(n, 60 + s)).ToArray();
        int[][] subsets = [[0], [1, 2], [0, 1, 3], [2, 3], [3]];
        var expected = new double[subsets.Length * n];
        var actual = new double[subsets.Length * n];
        ComputeBackend.Cpu.SubsetSpectra(mats, n, subsets, expected);
        Device.SubsetSpectra(mats, n, subsets, actual);
        BackendContract.AssertClose(expected, actual, 1e-13);
    }

    [Fact]
    public void HugeAndTinyMatricesAreScaledAndOverflowIsReported()
    {
        // Scaled by a power of two on the device, entries of 1e200 (whose squares overflow) and 1e-200 (whose squares
        // underflow) give the spectra of the all-ones matrix times the scale: n·s once, then zeros.
        int n = 5;
        foreach (double scale in new[] { 1e200, 1e-200 })
        {
            var m = Enumerable.Repeat(scale, n * n).ToArray();
            var eigenvalues = new double[n];
            Device.EigenvaluesBatch(m, n, 1, eigenvalues);
            Assert.Equal(n * scale, eigenvalues[^1], 1e-13 * n * scale);
            Assert.All(eigenvalues[..^1], v => Assert.True(Math.Abs(v) <= 1e-13 * n * scale, $"{v:R}"));
        }

        // A tridiagonal form beyond float64 (eigenvalue 5·1e308): the QL kernel flags it and the host says so.
        var huge = Enumerable.Repeat(1e308, n * n).ToArray();
        var ex = Assert.Throws<ArithmeticException>(() => Device.EigenvaluesBatch(huge, n, 1, new double[n]));
        Assert.Contains("overflowed", ex.Message, StringComparison.Ordinal);
    }

    private void AssertMatchesCpu(IReadOnlyList<double[]> matrices, int n, double tolerance)
    {
        int count = matrices.Count;
        var flat = matrices.SelectMany(m => m).ToArray();
        var expected = new double[count * n];
        var actual = new double[count * n];
        ComputeBackend.Cpu.EigenvaluesBatch(flat, n, count, expected);
        Device.EigenvaluesBatch(flat, n, count, actual);
        for (int b = 0; b < count; b++)
        {
            // Tolerance relative to each matrix's own scale (its largest |eigenvalue|, at least 1).
            BackendContract.AssertClose(expected[(b * n)..((b + 1) * n)], actual[(b * n)..((b + 1) * n)], tolerance);
        }
    }

    private static double[] LowRankGram(int n, int rank, int seed)
    {
        var x = BackendContract.Random(n, rank, seed);
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < rank; k++)
                {
                    sum += x[i, k] * x[j, k];
                }

                m[i * n + j] = sum;
            }
        }

        return m;
    }
}
