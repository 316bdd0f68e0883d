namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The ILGPU kernels one by one against the plain C# path on random inputs, on ILGPU's CPU accelerator, with sizes on
/// both sides of the 16×16 tile and of the group size; and the device-memory policy.
/// </summary>
[Collection("ilgpu")]
public sealed class IlgpuKernelTests(IlgpuBackends backends)
{
    private IlgpuBackend Device => backends.Simulator;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public void JacobiAndTridiagonalPathsMatchCpu(int n)
    {
        var m = BackendContract.RandomSymmetric(n, seed: n);
        var expected = SymmetricEigenvalues.Compute(m, n);
        BackendContract.AssertClose(expected, Device.EigenvaluesByJacobi(m, n), 1e-13);
        BackendContract.AssertClose(expected, Device.EigenvaluesByTridiagonal(m, n), 1e-13);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(97)]
    public void TridiagonalPathWithTiledSymmetricMatVecMatchesCpu(int n)
    {
        // The symmetric mat-vec's 32×32 tiles: trailing blocks one short of a tile, one over, exactly two tiles, and
        // four tile rows (diagonal, off-diagonal and edge tiles, and the shrinking trailing block passing every size).
        var m = BackendContract.RandomSymmetric(n, seed: 99 + n);
        BackendContract.AssertClose(SymmetricEigenvalues.Compute(m, n), Device.EigenvaluesByTridiagonal(m, n), 1e-13);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void BlockedTridiagonalisationMatchesCpuForEveryPanelWidth(int panel)
    {
        // Panels of 1 (the unblocked reduction), 3 and 8 reflectors: orders that end a panel early, exactly, or mid-way,
        // 4×4 update tiles that overhang the matrix edge, and a matrix whose columns vanish (zero reflectors mid-panel).
        using var backend = IlgpuBackend.Create(new IlgpuBackendOptions { Device = IlgpuDevice.Cpu, TridiagonalPanel = panel });
        foreach (int n in new[] { 3, 4, 5, 11, 26, 70 })
        {
            var m = BackendContract.RandomSymmetric(n, seed: 7 * n + panel);
            BackendContract.AssertClose(SymmetricEigenvalues.Compute(m, n), backend.EigenvaluesByTridiagonal(m, n), 1e-13);
        }

        // Block-diagonal: [B 0; 0 C] has every reflector of the first block's columns reach zeros beyond it.
        int size = 13;
        var block = new double[size * size];
        var b1 = BackendContract.RandomSymmetric(6, seed: 1);
        var c1 = BackendContract.RandomSymmetric(7, seed: 2);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                block[i * size + j] = b1[i * 6 + j];
            }
        }

        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                block[(i + 6) * size + j + 6] = c1[i * 7 + j];
            }
        }

        BackendContract.AssertClose(SymmetricEigenvalues.Compute(block, size), backend.EigenvaluesByTridiagonal(block, size), 1e-13);
        var toeplitz = BackendContract.Toeplitz(21, 2, -1, upperGarbage: 0);
        for (int i = 0; i < 21; i++)
        {
            for (int j = i + 1; j < 21; j++)
            {
                toeplitz[i * 21 + j] = toeplitz[j * 21 + i];
            }
        }

        var exact = Enumerable.Range(1, 21).Select(q => 2 - 2 * Math.Cos(q * Math.PI / 22)).Order().ToArray();
        BackendContract.AssertClose(exact, backend.EigenvaluesByTridiagonal(toeplitz, 21), 1e-13);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void DeviceBisectionMatchesQlOnHardTridiagonals(double scale)
    {
        // Wilkinson's W21+ (diagonal |10 − i|, unit off-diagonal: eigenvalues in pairs agreeing to ~1e-13), a graded
        // matrix (entries from 1 down to 2^-40) and a matrix with a zero off-diagonal in the middle (two blocks), each
        // scaled by 1e±200 (e² would overflow/underflow unscaled), against the CPU solver.
        int n = 21;
        var wilkinson = new double[n * n];
        var graded = new double[n * n];
        var split = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            wilkinson[i * n + i] = Math.Abs(10 - i) * scale;
            graded[i * n + i] = Math.Pow(2, -2 * i) * scale;
            split[i * n + i] = (i % 5 - 2) * scale;
            if (i > 0)
            {
                wilkinson[i * n + i - 1] = wilkinson[(i - 1) * n + i] = scale;
                graded[i * n + i - 1] = graded[(i - 1) * n + i] = Math.Pow(2, -2 * i + 1) * scale;
                split[i * n + i - 1] = split[(i - 1) * n + i] = i == 10 ? 0 : 0.5 * scale;
            }
        }

        foreach (var m in new[] { wilkinson, graded, split })
        {
            var expected = SymmetricEigenvalues.Compute(m, n);
            var actual = Device.EigenvaluesByTridiagonal(m, n);
            double norm = expected.Max(Math.Abs);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-14 * norm, $"λ{i}: {actual[i]:R} vs {expected[i]:R}");
            }
        }
    }

    [Fact]
    public void KernelExponentialIsWithinTwoUlpOfMathExp()
    {
        // The device exp of the Gram kernel against the runtime's, over the whole range the Gram uses (x ≤ 0).
        var random = new Random(5);
        var points = Enumerable.Range(0, 20000).Select(_ => -Math.Pow(10, random.NextDouble() * 6 - 3) * (random.Next(2) == 0 ? 1 : 700))
            .Concat([0.0, -1e-300, -0.5 * Math.Log(2), -Math.Log(2), -700, -708]);
        foreach (double x in points)
        {
            double expected = Math.Exp(x), actual = DeviceMath.ExpNonPositive(x);
            // Below −708.39 the device returns 0 where Math.Exp returns a subnormal (< 2.3e-308).
            double floor = x < -708.39 ? 2.3e-308 : 0;
            Assert.True(Math.Abs(actual - expected) <= 4.5e-16 * expected + floor, $"exp({x:R}) = {actual:R}, expected {expected:R}");
        }

        Assert.Equal(0.0, DeviceMath.ExpNonPositive(-709));
        Assert.Equal(1.0, DeviceMath.ExpNonPositive(0));
    }

    [Fact]
    public void JacobiHandlesRepeatedAndZeroEigenvalues()
    {
        // The identity (already diagonal), a rank-one matrix (n−1 zero eigenvalues, one of value n) and the zero matrix.
        int n = 9;
        var identity = new double[n * n];
        var ones = Enumerable.Repeat(1.0, n * n).ToArray();
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }

        Assert.All(Device.EigenvaluesByJacobi(identity, n), v => Assert.Equal(1.0, v));
        var rankOne = Device.EigenvaluesByJacobi(ones, n);
        Assert.Equal(n, rankOne[^1], 1e-13);
        Assert.All(rankOne[..^1], v => Assert.Equal(0, v, 1e-13));
        Assert.All(Device.EigenvaluesByTridiagonal(new double[n * n], n), v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(15, 1)]
    [InlineData(16, 16)]
    [InlineData(31, 33)]
    public void GramTilesMatchCpu(int n, int d)
    {
        var x = BackendContract.Random(n, d, seed: 7 * n + d);
        var expected = new double[n * n];
        var actual = new double[n * n];
        ComputeBackend.Cpu.UnitGram(x, GaussianKernel.Instance, 0.9 * Math.Sqrt(d), expected);
        Device.UnitGram(x, GaussianKernel.Instance, 0.9 * Math.Sqrt(d), actual);
        BackendContract.AssertClose(expected, actual, 1e-13);
    }

    [Fact]
    public void SinglePrecisionGramIsCloseButOnlyWhenAskedFor()
    {
        using var single = IlgpuBackend.Create(new IlgpuBackendOptions { Device = IlgpuDevice.Cpu, GramPrecision = IlgpuPrecision.Single });
        var x = BackendContract.Random(21, 4, seed: 12);
        var expected = new double[21 * 21];
        var actual = new double[21 * 21];
        ComputeBackend.Cpu.UnitGram(x, GaussianKernel.Instance, 1.1, expected);
        single.UnitGram(x, GaussianKernel.Instance, 1.1, actual);
        // float32 round-off: entries within ~1e-6, and not equal to the float64 ones (the option does something).
        BackendContract.AssertClose(expected, actual, 1e-5);
        Assert.Contains(Enumerable.Range(0, expected.Length), e => expected[e] != actual[e]);
        double h = new MatrixRenyiEntropy().Estimate(x).Value.Nats;
        Assert.Equal(h, new MatrixRenyiEntropy(new MatrixRenyiOptions { Backend = single }).Estimate(x).Value.Nats, 1e-4);
    }

    [Fact]
    public void LargeBatchOfSubsetsMatchesCpu()
    {
        // More subsets than matrices, products of up to three, odd order (a dummy index in the round-robin ordering).
        int n = 13;
        var mats = Enumerable.Range(0, 6).Select(s => BackendContract.RandomSpd(n, 50 + s)).ToArray();
        var subsets = new List<int[]>();
        for (int i = 0; i < 6; i++)
        {
            for (int j = i + 1; j < 6; j++)
            {
                subsets.Add([i, j]);
                subsets.Add([i, j, 0]);
            }
        }

        var expected = new double[subsets.Count * n];
        var actual = new double[subsets.Count * n];
        ComputeBackend.Cpu.SubsetSpectra(mats, n, subsets, expected);
        Device.SubsetSpectra(mats, n, subsets, actual);
        BackendContract.AssertClose(expected, actual, 1e-13);
    }

    [Fact]
    public void OverTheMemoryLimitIsRefusedWithTheSizes()
    {
        using var tight = IlgpuBackend.Create(new IlgpuBackendOptions { Device = IlgpuDevice.Cpu, MemoryLimitBytes = 4096 });
        var x = BackendContract.Random(30, 2, seed: 1);
        var options = new MatrixRenyiOptions { Backend = tight };
        var ex = Assert.Throws<InsufficientDeviceMemoryException>(() => new MatrixRenyiEntropy(options).Estimate(x));
        Assert.Contains("device memory", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.BytesNeeded > ex.BytesAvailable);
        Assert.Equal(0, tight.FallbackCount);
    }

    [Fact]
    public void OverTheMemoryLimitFallsBackToCpuAndSaysSo()
    {
        using var tight = IlgpuBackend.Create(new IlgpuBackendOptions
        {
            Device = IlgpuDevice.Cpu,
            MemoryLimitBytes = 4096,
            MemoryPolicy = IlgpuMemoryPolicy.FallBackToCpu,
        });
        var seen = new List<DeviceFallbackEventArgs>();
        tight.FellBack += (_, e) => seen.Add(e);
        var x = BackendContract.Random(30, 2, seed: 1);
        double expected = new MatrixRenyiEntropy().Estimate(x).Value.Nats;
        double actual = new MatrixRenyiEntropy(new MatrixRenyiOptions { Backend = tight }).Estimate(x).Value.Nats;
        Assert.Equal(expected, actual, 1e-12);
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Count, tight.FallbackCount);
        Assert.Equal("UnitGram", seen[0].Operation);
        Assert.Contains("ran on the CPU", tight.LastFallback!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatorIsNamedAndAutoNeverPicksIt()
    {
        Assert.Equal(IlgpuDevice.Cpu, Device.Device);
        Assert.StartsWith("ilgpu-cpu", Device.Name, StringComparison.Ordinal);
        if (!IlgpuBackend.IsAvailable(IlgpuDevice.Auto))
        {
            var ex = Assert.Throws<NotSupportedException>(() => IlgpuBackend.Create());
            Assert.Contains("ComputeBackend.Cpu", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DisposedBackendRefusesWork()
    {
        var backend = IlgpuBackend.Create(IlgpuDevice.Cpu);
        backend.Dispose();
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.SquaredFrobeniusNorm([1.0]));
    }

    [CudaFact]
    public void CudaBackendReportsItsDevice()
    {
        using var cuda = IlgpuBackend.Create(IlgpuDevice.Cuda);
        Assert.Equal(IlgpuDevice.Cuda, cuda.Device);
        Assert.True(cuda.DeviceMemoryBytes > 0);
        Assert.True(cuda.Available() > 0);
    }
}
