using ILGPU;
using ILGPU.Runtime;

namespace InfoTheory.Ilgpu;

/// <summary>Distances, Grams, Hadamard products, norms and the α = 2 pair sums on the device.</summary>
public sealed partial class IlgpuBackend
{
    // Groups of the pair-sum kernel: enough to fill a large GPU several times over; each loops over its share of tiles.
    private const int MaxPairSumGroups = 4096;

    /// <inheritdoc />
    protected override void SquaredDistancesCore(Samples samples, Span<double> destination, ComputeContext context)
    {
        int n = samples.Count, d = samples.Dimensions;
        if (!Fits(8L * ((long)n * d + (long)n * n), nameof(SquaredDistances)))
        {
            Cpu.SquaredDistances(samples, destination, context);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var x = Upload(samples.ToArray());
            using var output = _accelerator.Allocate1D<double>((long)n * n);
            LaunchDistances(k, x, n, d, output, gaussian: 0, scale: 0);
            ToHost(output.View, destination);
        }

        context.Advance(n);
    }

    /// <inheritdoc />
    /// <remarks>The Gaussian on the device (float64, or float32 when <see cref="IlgpuBackendOptions.GramPrecision"/> asks);
    /// other kernels as distances from the device and κ on the host (any <see cref="IKernel"/> is managed code).</remarks>
    protected override void UnitGramCore(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext context)
    {
        int n = samples.Count, d = samples.Dimensions;
        if (!Fits(8L * ((long)n * d + (long)n * n), nameof(UnitGram)))
        {
            Cpu.UnitGram(samples, kernel, width, destination, context);
            return;
        }

        bool gaussian = kernel is GaussianKernel;
        lock (_gate)
        {
            var k = Ready();
            using var output = _accelerator.Allocate1D<double>((long)n * n);
            if (_options.GramPrecision == IlgpuPrecision.Single)
            {
                var values = samples.ToArray();
                var single = new float[values.Length];
                for (int i = 0; i < single.Length; i++)
                {
                    single[i] = (float)values[i];
                }

                using var x = _accelerator.Allocate1D<float>(single.Length);
                x.CopyFromCPU(single);
                int tiles = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile;
                k.SquaredDistancesSingle(new KernelConfig(new Index2D(tiles, tiles), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d,
                    output.View, gaussian ? 1 : 0, (float)(-1 / (2 * width * width)));
            }
            else
            {
                using var x = Upload(samples.ToArray());
                LaunchDistances(k, x, n, d, output, gaussian ? 1 : 0, -1 / (2 * width * width));
            }

            ToHost(output.View, destination);
        }

        if (!gaussian)
        {
            // The rows are counted below, once.
            Cpu.UnitGramFromSquaredDistances(destination, n, kernel, width, new ComputeContext(context.Parallel, context.CancellationToken));
        }

        context.Advance(n);
    }

    /// <inheritdoc />
    /// <remarks>On the host: the distances are already there, and κ is managed code.</remarks>
    protected override void UnitGramFromSquaredDistancesCore(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context) =>
        Cpu.UnitGramFromSquaredDistances(matrix, n, kernel, width, context);

    /// <inheritdoc />
    protected override void HadamardProductCore(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        long nn = (long)n * n;
        if (!Fits(8L * nn * (subset.Length + 1), nameof(HadamardProduct)))
        {
            Cpu.HadamardProduct(matrices, subset, n, destination);
            return;
        }

        var named = new double[subset.Length][];
        for (int q = 0; q < subset.Length; q++)
        {
            named[q] = matrices[subset[q]];
        }

        int[] all = [.. Enumerable.Range(0, subset.Length)];
        lock (_gate)
        {
            var k = Ready();
            using var stack = UploadStack(named, nn);
            using var output = _accelerator.Allocate1D<double>(nn);
            Products(k, stack, [all], n, output.View);
            ToHost(output.View, destination);
        }
    }

    /// <inheritdoc />
    protected override double SquaredFrobeniusNormCore(ReadOnlySpan<double> values)
    {
        if (!Fits(8L * values.Length + 8 * 4096, nameof(SquaredFrobeniusNorm)))
        {
            return Cpu.SquaredFrobeniusNorm(values);
        }

        lock (_gate)
        {
            var k = Ready();
            using var buffer = Upload(values);
            int groups = (int)Math.Clamp((values.Length + _group - 1) / _group, 1, 4096);
            using var partials = _accelerator.Allocate1D<double>(groups);
            k.SquaredSumPartials(new KernelConfig(groups, _group), buffer.View, values.Length, partials.View);
            double sum = 0;
            foreach (double p in partials.GetAsArray1D())
            {
                sum += p;
            }

            return sum;
        }
    }

    /// <inheritdoc />
    protected override double GaussianPairSumCore(Samples samples, ComputeContext context)
    {
        int n = samples.Count, d = samples.Dimensions;
        long blocks = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile, tiles = blocks * (blocks + 1) / 2;
        int groups = (int)Math.Clamp(tiles, 1, MaxPairSumGroups);
        if (!Fits(8L * ((long)n * d + groups), nameof(GaussianPairSum)))
        {
            return Cpu.GaussianPairSum(samples, context);
        }

        double sum = 0;
        lock (_gate)
        {
            var k = Ready();
            using var x = Upload(samples.ToArray());
            using var partials = _accelerator.Allocate1D<double>(groups);
            k.GaussianPairSums(new KernelConfig(new Index2D(groups, 1), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d, tiles, partials.View);
            foreach (double p in partials.GetAsArray1D())
            {
                sum += p;
            }
        }

        context.Advance(n);
        return sum;
    }

    /// <inheritdoc />
    /// <remarks>On <see cref="ComputeBackend.Cpu"/>: any <see cref="IKernel"/> is managed code (the estimators send the
    /// Gaussian to <see cref="ComputeBackend.GaussianPairSum"/>, which runs here).</remarks>
    protected override void KernelPairSumsCore(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext context) =>
        Cpu.KernelPairSums(variables, widths, kernel, subsets, sums, context);

    private static void LaunchDistances(CompiledKernels k, MemoryBuffer1D<double, Stride1D.Dense> x, int n, int d, MemoryBuffer1D<double, Stride1D.Dense> output, int gaussian, double scale)
    {
        int tiles = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile;
        k.SquaredDistances(new KernelConfig(new Index2D(tiles, tiles), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d, output.View, gaussian, scale);
    }

    /// <summary>output[b] = ∘ over subsets[b] of the stack (not normalised).</summary>
    private void Products(CompiledKernels k, MemoryBuffer1D<double, Stride1D.Dense> stack, int[][] subsets, int n, ArrayView<double> output)
    {
        int width = subsets.Max(s => s.Length), m = subsets.Length, nn = n * n;
        var table = new int[m * width];
        Array.Fill(table, -1);
        for (int b = 0; b < m; b++)
        {
            subsets[b].CopyTo(table, b * width);
        }

        using var tableBuffer = _accelerator.Allocate1D<int>(table.Length);
        tableBuffer.CopyFromCPU(table);
        k.HadamardBatch(new Index2D(nn, m), stack.View, tableBuffer.View, width, nn, output);
    }
}
