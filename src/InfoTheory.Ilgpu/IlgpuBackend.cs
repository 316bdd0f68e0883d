using InfoTheory.Internal;
using System.Globalization;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace InfoTheory.Ilgpu;

/// <summary>
/// A <see cref="ComputeBackend"/> on a GPU through ILGPU (CUDA or OpenCL), or on ILGPU's CPU simulator for tests.
/// Create it explicitly, pass it as <see cref="MatrixRenyiOptions.Backend"/>, and dispose it when done.
/// </summary>
/// <remarks>
/// <para><b>Kernels</b> (float64 throughout): tiled pairwise squared distances and Gaussian Grams (16×16 tiles staged
/// through shared memory; direct differences, so no cancellation); batched trace-normalised Hadamard products;
/// Frobenius norms (per-group partial sums added on the host in a fixed order, so results repeat run to run);
/// batched eigenvalues of matrices up to order 1024 (the partial-information pass: thousands of N×N spectra with N a
/// batch), by default Householder tridiagonalisation with one group per matrix then the root-free QL with one thread
/// per matrix, or cyclic Jacobi with one group per matrix (<see cref="IlgpuBackendOptions.BatchedEigenSolver"/>); for
/// larger matrices, Householder tridiagonalisation on the device (six kernels per reflector) and the root-free QL
/// iteration on the host; brute-force k-nearest-neighbour distances.</para>
/// <para><b>Memory</b>: every operation computes the device memory it needs before allocating and compares it with
/// <see cref="IlgpuBackendOptions.MemoryFraction"/> of the free memory (CUDA reports it; OpenCL and the simulator
/// report their total), capped by <see cref="IlgpuBackendOptions.MemoryLimitBytes"/>. Over it, the operation is refused
/// with an <see cref="InsufficientDeviceMemoryException"/>, or with <see cref="IlgpuMemoryPolicy.FallBackToCpu"/> runs on
/// <see cref="ComputeBackend.Cpu"/>, raises <see cref="FellBack"/> and counts in <see cref="FallbackCount"/>.</para>
/// <para><b>Precision</b>: float64 unless <see cref="IlgpuBackendOptions.GramPrecision"/> opts the Gram kernel into
/// float32. In float64, results agree with <see cref="ComputeBackend.Cpu"/> to about 1e-12 relative (sums run in a
/// different order; GPUs contract a·b + c into fused multiply-adds). The eigenvalues (either batched solver, and the
/// large-matrix path) have absolute errors of order ε·‖A‖_F, like the CPU path's.</para>
/// <para>One operation runs at a time (calls from several threads are serialised). Not usable after <see cref="Dispose"/>.</para>
/// </remarks>
public sealed class IlgpuBackend : ComputeBackend, IDisposable
{
    // Single matrices up to this order go to the batched solver (one launch or two); larger ones to the per-column path.
    private const int JacobiSingleMaximum = 32;
    private const int MaxJacobiSweeps = 40;

    // The device tridiagonalisation's mat-vec is split into at most this many row blocks.
    // Groups of the pair-sum kernel: enough to fill a large GPU several times over; each loops over its share of tiles.
    private const int MaxPairSumGroups = 4096;

    // At most this many matrices per batched launch (bounds the output arrays as well as the device memory).
    private const int MaxBatch = 8192;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly IlgpuBackendOptions _options;
    private readonly object _gate = new();
    private readonly int _group;
    private Kernels? _kernels;
    private bool _disposed;

    private IlgpuBackend(Context context, Accelerator accelerator, IlgpuDevice kind, IlgpuBackendOptions options)
    {
        _context = context;
        _accelerator = accelerator;
        _options = options;
        Device = kind;
        // The CPU simulator runs each group member as a thread: small groups keep its barriers cheap.
        _group = Math.Min(kind == IlgpuDevice.Cpu ? 32 : DeviceKernels.MaxGroup, accelerator.MaxNumThreadsPerGroup);
    }

    /// <summary>Raised (on the calling thread) when an operation ran on the CPU for lack of device memory.</summary>
    public event EventHandler<DeviceFallbackEventArgs>? FellBack;

    /// <summary>The kind of accelerator in use (never <see cref="IlgpuDevice.Auto"/>).</summary>
    public IlgpuDevice Device { get; }

    /// <summary>The accelerator's name as ILGPU reports it, e.g. <c>NVIDIA H100 80GB HBM3</c>.</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>The accelerator's total memory in bytes, as ILGPU reports it.</summary>
    public long DeviceMemoryBytes => _accelerator.MemorySize;

    /// <summary>The settings.</summary>
    public IlgpuBackendOptions Options => _options;

    /// <summary>How many operations ran on the CPU for lack of device memory (policy <see cref="IlgpuMemoryPolicy.FallBackToCpu"/>).</summary>
    public int FallbackCount { get; private set; }

    /// <summary>The last fallback, or null when none happened.</summary>
    public DeviceFallbackEventArgs? LastFallback { get; private set; }

    /// <inheritdoc />
    public override string Name => $"ilgpu-{Device.ToString().ToLowerInvariant()} ({DeviceName})";

    /// <summary>A backend on the given accelerator.</summary>
    /// <param name="device">Auto (CUDA, then OpenCL), Cuda, OpenCL, or Cpu (ILGPU's simulator).</param>
    /// <param name="memoryPolicy">Refuse (default) or fall back to the CPU when device memory is short.</param>
    /// <exception cref="NotSupportedException">No device of the requested kind is present (the message says what to use instead).</exception>
    public static IlgpuBackend Create(IlgpuDevice device = IlgpuDevice.Auto, IlgpuMemoryPolicy memoryPolicy = IlgpuMemoryPolicy.Refuse) =>
        Create(new IlgpuBackendOptions { Device = device, MemoryPolicy = memoryPolicy });

    /// <summary>A backend with the given settings.</summary>
    /// <param name="options">The device, memory policy and limits.</param>
    /// <exception cref="NotSupportedException">No device of the requested kind is present (the message says what to use instead).</exception>
    public static IlgpuBackend Create(IlgpuBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        try
        {
            var (device, kind) = Choose(context, options.Device);
            // The simulator: one multiprocessor of 256 threads, enough for the 16×16 distance tiles.
            var accelerator = kind == IlgpuDevice.Cpu
                ? new CPUDevice(4, DeviceKernels.MaxGroup / 4, 1).CreateCPUAccelerator(context)
                : device.CreateAccelerator(context);
            return new IlgpuBackend(context, accelerator, kind, options);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Whether a device of the given kind is present (Auto: a CUDA or a usable OpenCL device). Never throws.</summary>
    /// <param name="device">The kind to look for.</param>
    public static bool IsAvailable(IlgpuDevice device)
    {
        try
        {
            using var context = Context.Create(builder => builder.Default());
            _ = Choose(context, EnumGuard.Defined(device));
            return true;
        }
#pragma warning disable CA1031 // a probe: any failure to find or start a driver means "not available"
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static (Device Device, IlgpuDevice Kind) Choose(Context context, IlgpuDevice wanted)
    {
        Device? cuda = First(context.GetCudaDevices());
        Device? openCl = First(context.GetCLDevices());
        switch (wanted)
        {
            case IlgpuDevice.Cpu:
                return (context.GetCPUDevice(0), IlgpuDevice.Cpu);
            case IlgpuDevice.Cuda:
                return cuda is not null ? (cuda, IlgpuDevice.Cuda)
                    : throw new NotSupportedException("No CUDA device was found (no NVIDIA GPU or driver). Use IlgpuDevice.Auto to try OpenCL, or ComputeBackend.Cpu.");
            case IlgpuDevice.OpenCL:
                return openCl is not null ? (openCl, IlgpuDevice.OpenCL)
                    : throw new NotSupportedException("No OpenCL device that ILGPU supports was found (ILGPU needs OpenCL 2.0 generic address space; PoCL lacks it). Use ComputeBackend.Cpu, or IlgpuDevice.Cpu for the simulator.");
            default:
                if (cuda is not null)
                {
                    return (cuda, IlgpuDevice.Cuda);
                }

                return openCl is not null ? (openCl, IlgpuDevice.OpenCL)
                    : throw new NotSupportedException("No GPU was found: no CUDA device, and no OpenCL device with generic address space support. Use ComputeBackend.Cpu (the default), or IlgpuDevice.Cpu for ILGPU's slow simulator.");
        }
    }

    /// <inheritdoc />
    public override void SquaredDistances(Samples samples, Span<double> destination)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count, d = samples.Dimensions;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        if (!Fits(8L * ((long)n * d + (long)n * n), nameof(SquaredDistances)))
        {
            Cpu.SquaredDistances(samples, destination);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var x = Upload(samples.ToDouble().ToArray());
            using var output = _accelerator.Allocate1D<double>((long)n * n);
            LaunchDistances(k, x, n, d, output, gaussian: 0, scale: 0);
            ToHost(output.View, destination[..(n * n)]);
        }
    }

    /// <inheritdoc />
    public override void UnitGram(Samples samples, IKernel kernel, double width, Span<double> destination)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count, d = samples.Dimensions;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        double k0 = BackendGuard.KernelAtZero(kernel, width);
        if (!Fits(8L * ((long)n * d + (long)n * n), nameof(UnitGram)))
        {
            Cpu.UnitGram(samples, kernel, width, destination);
            return;
        }

        bool gaussian = kernel is GaussianKernel;
        lock (_gate)
        {
            var k = Ready();
            using var output = _accelerator.Allocate1D<double>((long)n * n);
            if (_options.GramPrecision == IlgpuPrecision.Single)
            {
                var single = new float[n * d];
                var values = samples.ToDouble().ToArray();
                for (int i = 0; i < single.Length; i++)
                {
                    single[i] = (float)values[i];
                }

                using var x = _accelerator.Allocate1D<float>(single.Length);
                x.CopyFromCPU(single);
                int tiles = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile;
                k.SquaredDistancesSingle(new KernelConfig(new Index2D(tiles, tiles), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d, output.View, gaussian ? 1 : 0, (float)(-1 / (2 * width * width)));
            }
            else
            {
                using var x = Upload(samples.ToDouble().ToArray());
                LaunchDistances(k, x, n, d, output, gaussian ? 1 : 0, -1 / (2 * width * width));
            }

            ToHost(output.View, destination[..(n * n)]);
        }

        if (!gaussian)
        {
            // Other kernels: distances from the device, κ on the host (any IKernel is plain managed code).
            var all = destination[..(n * n)];
            kernel.Evaluate(all, width, all);
            if (k0 != 1)
            {
                for (int i = 0; i < all.Length; i++)
                {
                    all[i] /= k0;
                }
            }

            for (int i = 0; i < n; i++)
            {
                all[i * n + i] = 1;
            }
        }
    }

    /// <inheritdoc />
    public override void NormalizedHadamard(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        BackendGuard.Subset(matrices, subset, n, nameof(subset));
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        long nn = (long)n * n;
        if (!Fits(8L * nn * (subset.Length + 1), nameof(NormalizedHadamard)))
        {
            Cpu.NormalizedHadamard(matrices, subset, n, destination);
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
            var traces = Products(k, stack, [all], n, output.View);
            BackendGuard.Trace(traces[0], nameof(subset));
            ToHost(output.View, destination[..(int)nn]);
        }
    }

    /// <inheritdoc />
    public override double SquaredFrobeniusNorm(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        if (!Fits(8L * values.Length + 8 * 4096, nameof(SquaredFrobeniusNorm)))
        {
            return Cpu.SquaredFrobeniusNorm(values);
        }

        lock (_gate)
        {
            var k = Ready();
            using var buffer = _accelerator.Allocate1D<double>(values.Length);
            FromHost(buffer.View, values);
            int groups = (int)Math.Clamp((values.Length + _group - 1) / _group, 1, 4096);
            using var partials = _accelerator.Allocate1D<double>(groups);
            k.SquaredSumPartials(new KernelConfig(groups, _group), buffer.View, values.Length, partials.View);
            var host = partials.GetAsArray1D();
            double sum = 0;
            foreach (double p in host)
            {
                sum += p;
            }

            return BackendGuard.FiniteSum(sum, nameof(values));
        }
    }

    /// <inheritdoc />
    public override double GaussianPairSum(Samples samples)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count, d = samples.Dimensions;
        long blocks = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile, tiles = blocks * (blocks + 1) / 2;
        int groups = (int)Math.Clamp(tiles, 1, MaxPairSumGroups);
        if (!Fits(8L * ((long)n * d + groups), nameof(GaussianPairSum)))
        {
            return Cpu.GaussianPairSum(samples);
        }

        lock (_gate)
        {
            var k = Ready();
            using var x = Upload(samples.ToDouble().ToArray());
            using var partials = _accelerator.Allocate1D<double>(groups);
            k.GaussianPairSums(new KernelConfig(new Index2D(groups, 1), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d, tiles, partials.View);
            double sum = 0;
            foreach (double p in partials.GetAsArray1D())
            {
                sum += p;
            }

            return sum;
        }
    }

    /// <inheritdoc />
    public override void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues)
    {
        BackendGuard.Matrix(matrix.Length, n, nameof(matrix));
        BackendGuard.Output(eigenvalues.Length, n, nameof(eigenvalues));
        if (n <= JacobiSingleMaximum)
        {
            EigenvaluesBatch(matrix, n, 1, eigenvalues);
            return;
        }

        var copy = SymmetricCopy(matrix, n, 1, nameof(matrix));
        if (!Fits(LargeEigenBytes(n), nameof(Eigenvalues)))
        {
            Cpu.Eigenvalues(matrix, n, eigenvalues);
            return;
        }

        int exponent = ScaleToUnit(copy);
        lock (_gate)
        {
            var k = Ready();
            using var a = Upload(copy);
            Tridiagonal(k, a.View, n, exponent).CopyTo(eigenvalues);
        }
    }

    /// <inheritdoc />
    public override void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues) =>
        EigenvaluesBatch(matrices, n, count, eigenvalues, _options.BatchedEigenSolver);

    /// <summary><see cref="EigenvaluesBatch(ReadOnlySpan{double}, int, int, Span{double})"/> with the given batched solver (tests compare the two).</summary>
    internal void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, IlgpuBatchedEigenSolver solver)
    {
        BackendGuard.Matrix(n >= 1 ? int.MaxValue : 0, n, nameof(matrices));
        if (count < 0)
        {
            throw new ArgumentException($"count = {count} must be at least 0; pass the number of matrices.", nameof(count));
        }

        long nn = (long)n * n;
        if (matrices.Length < nn * count)
        {
            throw new ArgumentException($"matrices has {matrices.Length} values but {count} matrices of {n}×{n} need {nn * count}; pass count·n² values.", nameof(matrices));
        }

        BackendGuard.Output(eigenvalues.Length, (long)n * count, nameof(eigenvalues));
        if (count == 0)
        {
            return;
        }

        var copy = SymmetricCopy(matrices, n, count, nameof(matrices));
        if (n > DeviceKernels.MaxBatchedOrder)
        {
            for (int b = 0; b < count; b++)
            {
                Eigenvalues(copy.AsSpan((int)(b * nn), (int)nn), n, eigenvalues.Slice(b * n, n));
            }

            return;
        }

        long perMatrix = 8L * nn + SolverBytes(n, solver);
        int chunk = ChunkFor(count, perMatrix, 0);
        if (chunk < 1)
        {
            Fallback(nameof(EigenvaluesBatch), perMatrix, Available());
            Cpu.EigenvaluesBatch(matrices, n, count, eigenvalues);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var buffers = new SolverBuffers(_accelerator, chunk, n, solver);
            for (int start = 0; start < count; start += chunk)
            {
                int m = Math.Min(chunk, count - start);
                ReadOnlySpan<double> part = copy.AsSpan((int)(start * nn), (int)(m * nn));
                FromHost(batch.View.SubView(0, m * nn), part);
                SolveBatch(k, batch.View, n, m, buffers, start, eigenvalues.Slice(start * n, m * n));
            }
        }
    }

    /// <inheritdoc />
    public override void NearestNeighbourDistances(Samples samples, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        BackendGuard.Neighbours(samples.Count, k, nameof(k));
        BackendGuard.Metric(metric);
        BackendGuard.Output(destination.Length, (long)samples.Count * k, nameof(destination));
        var ids = new int[(long)samples.Count * k];
        if (!Neighbours(samples, samples, k, true, metric, destination, ids, nameof(NearestNeighbourDistances)))
        {
            Cpu.NearestNeighbourDistances(samples, k, destination, metric);
        }
    }

    /// <inheritdoc />
    public override void NearestNeighbours(Samples samples, int k, Span<double> distances, Span<int> indices, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        BackendGuard.Neighbours(samples.Count, k, nameof(k));
        BackendGuard.Metric(metric);
        BackendGuard.Output(distances.Length, (long)samples.Count * k, nameof(distances));
        BackendGuard.Output(indices.Length, (long)samples.Count * k, nameof(indices));
        if (!Neighbours(samples, samples, k, true, metric, distances, indices, nameof(NearestNeighbours)))
        {
            Cpu.NearestNeighbours(samples, k, distances, indices, metric);
        }
    }

    /// <inheritdoc />
    public override void NearestNeighbourDistances(Samples queries, Samples reference, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(queries, nameof(queries));
        BackendGuard.Finite(reference, nameof(reference));
        BackendGuard.CrossNeighbours(queries, reference, k);
        BackendGuard.Metric(metric);
        BackendGuard.Output(destination.Length, (long)queries.Count * k, nameof(destination));
        var ids = new int[(long)queries.Count * k];
        if (!Neighbours(queries, reference, k, false, metric, destination, ids, nameof(NearestNeighbourDistances)))
        {
            Cpu.NearestNeighbourDistances(queries, reference, k, destination, metric);
        }
    }

    /// <inheritdoc />
    public override void CountWithin(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count, d = samples.Dimensions;
        BackendGuard.Metric(metric);
        BackendGuard.Radii(radii, n);
        BackendGuard.Output(counts.Length, n, nameof(counts));
        if (!Fits(8L * n * d + 12L * n, nameof(CountWithin)))
        {
            Cpu.CountWithin(samples, radii, inclusive, counts, metric);
            return;
        }

        lock (_gate)
        {
            var kernels = Ready();
            using var x = Upload(samples.ToDouble().ToArray());
            using var r = Upload(radii.ToArray());
            using var c = _accelerator.Allocate1D<int>(n);
            kernels.CountWithin(n, x.View, n, d, r.View, inclusive ? 1 : 0, metric == NeighbourMetric.Chebyshev ? 1 : 0, c.View);
            ToHost(c.View, counts[..n]);
        }
    }

    /// <summary>The k nearest reference rows of every query on the device; false when it does not fit and the policy allows the CPU.</summary>
    private bool Neighbours(Samples queries, Samples reference, int k, bool excludeSelf, NeighbourMetric metric, Span<double> distances, Span<int> indices,
        string operation)
    {
        int m = queries.Count, n = reference.Count, d = queries.Dimensions;
        long bytes = 8L * ((long)(excludeSelf ? n : m + n) * d) + 12L * m * k;
        if (!Fits(bytes, operation))
        {
            return false;
        }

        lock (_gate)
        {
            var kernels = Ready();
            using var r = Upload(reference.ToDouble().ToArray());
            using var q = excludeSelf ? null : Upload(queries.ToDouble().ToArray());
            using var dist = _accelerator.Allocate1D<double>((long)m * k);
            using var ids = _accelerator.Allocate1D<int>((long)m * k);
            kernels.Nearest(m, (q ?? r).View, r.View, n, d, k, excludeSelf ? 1 : 0, metric == NeighbourMetric.Chebyshev ? 1 : 0, dist.View, ids.View);
            ToHost(dist.View, distances[..(m * k)]);
            ToHost(ids.View, indices[..(m * k)]);
        }

        return true;
    }

    /// <inheritdoc />
    public override void SubsetSpectra(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        BackendGuard.Output(eigenvalues.Length, (long)subsets.Count * n, nameof(eigenvalues));
        foreach (var subset in subsets)
        {
            BackendGuard.Subset(matrices, subset, n, nameof(subsets));
        }

        if (subsets.Count == 0)
        {
            return;
        }

        long nn = (long)n * n, stackBytes = 8L * nn * matrices.Count;
        bool large = n > DeviceKernels.MaxBatchedOrder;
        var solver = _options.BatchedEigenSolver;
        // Small orders: the matrix, the batched solver's buffers and the trace.
        long perMatrix = large ? LargeEigenBytes(n) : 8L * (nn + 1) + SolverBytes(n, solver);
        int chunk = large ? (Available() >= stackBytes + perMatrix ? 1 : 0) : ChunkFor(subsets.Count, perMatrix, stackBytes);
        if (chunk < 1)
        {
            Fallback(nameof(SubsetSpectra), stackBytes + perMatrix, Available());
            Cpu.SubsetSpectra(matrices, n, subsets, eigenvalues);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var stack = UploadStack(matrices, nn);
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var buffers = new SolverBuffers(_accelerator, large ? 0 : chunk, n, solver);
            for (int start = 0; start < subsets.Count; start += chunk)
            {
                int m = Math.Min(chunk, subsets.Count - start);
                var part = Slice(subsets, start, m);
                var traces = Products(k, stack, part, n, batch.View.SubView(0, m * nn));
                for (int s = 0; s < m; s++)
                {
                    BackendGuard.Trace(traces[s], nameof(subsets));
                }

                if (large)
                {
                    Tridiagonal(k, batch.View, n, 0).CopyTo(eigenvalues.Slice(start * n, n));
                }
                else
                {
                    SolveBatch(k, batch.View, n, m, buffers, start, eigenvalues.Slice(start * n, m * n));
                }
            }
        }
    }

    /// <inheritdoc />
    public override void SubsetSquaredNorms(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        BackendGuard.Output(squaredNorms.Length, subsets.Count, nameof(squaredNorms));
        foreach (var subset in subsets)
        {
            BackendGuard.Subset(matrices, subset, n, nameof(subsets));
        }

        if (subsets.Count == 0)
        {
            return;
        }

        long nn = (long)n * n, stackBytes = 8L * nn * matrices.Count;
        int chunk = ChunkFor(subsets.Count, 8L * (nn + 2), stackBytes);
        if (chunk < 1)
        {
            Fallback(nameof(SubsetSquaredNorms), stackBytes + 8L * (nn + 2), Available());
            Cpu.SubsetSquaredNorms(matrices, n, subsets, squaredNorms);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var stack = UploadStack(matrices, nn);
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var sums = _accelerator.Allocate1D<double>(chunk);
            for (int start = 0; start < subsets.Count; start += chunk)
            {
                int m = Math.Min(chunk, subsets.Count - start);
                var traces = Products(k, stack, Slice(subsets, start, m), n, batch.View.SubView(0, m * nn));
                for (int s = 0; s < m; s++)
                {
                    BackendGuard.Trace(traces[s], nameof(subsets));
                }

                k.SquaredNormBatch(new KernelConfig(m, _group), batch.View, n, sums.View);
                ToHost(sums.View.SubView(0, m), squaredNorms.Slice(start, m));
            }
        }
    }

    /// <summary>Eigenvalues of one matrix by the batched Jacobi kernel (tests compare the two device paths).</summary>
    internal double[] EigenvaluesByJacobi(double[] matrix, int n)
    {
        var result = new double[n];
        var copy = SymmetricCopy(matrix, n, 1, nameof(matrix));
        lock (_gate)
        {
            var k = Ready();
            using var batch = Upload(copy);
            using var values = _accelerator.Allocate1D<double>(n);
            using var sweeps = _accelerator.Allocate1D<int>(1);
            Jacobi(k, batch.View, n, 1, values.View, sweeps.View, result);
        }

        return result;
    }

    /// <summary>Eigenvalues of one matrix by device tridiagonalisation and host QL (tests compare the two device paths).</summary>
    internal double[] EigenvaluesByTridiagonal(double[] matrix, int n)
    {
        var copy = SymmetricCopy(matrix, n, 1, nameof(matrix));
        int exponent = ScaleToUnit(copy);
        lock (_gate)
        {
            var k = Ready();
            using var a = Upload(copy);
            return Tridiagonal(k, a.View, n, exponent);
        }
    }

    /// <summary>Releases the accelerator and the ILGPU context.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    internal static string Describe(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>The bytes one operation may use now.</summary>
    internal long Available()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long device = _accelerator.MemorySize;
        if (_accelerator is CudaAccelerator)
        {
            lock (_gate)
            {
                _accelerator.Bind();
                if (CudaAPI.CurrentAPI.GetMemoryInfo(out long free, out long _) == CudaError.CUDA_SUCCESS)
                {
                    device = free;
                }
            }
        }
        else if (_accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            device = Math.Min(device, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        }

        long allowed = (long)(device * _options.MemoryFraction);
        return _options.MemoryLimitBytes is { } limit ? Math.Min(allowed, limit) : allowed;
    }

    /// <summary>Values in the symmetric mat-vec's partials: 2·T per lower tile of the largest trailing block (order n − 1).</summary>
    private static long SymvPartials(int n)
    {
        long blocks = (n - 1 + DeviceKernels.SymvTile - 1) / DeviceKernels.SymvTile;
        return blocks * (blocks + 1) / 2 * 2 * DeviceKernels.SymvTile;
    }

    /// <summary>Device bytes of one large-matrix eigenvalue job: the matrix, the panel's Uᵗ and Wᵗ, the mat-vec partials, d and e.</summary>
    private long LargeEigenBytes(int n) =>
        8L * ((long)n * n + (2L * _options.TridiagonalPanel + 2) * n + 2L * _options.TridiagonalPanel + SymvPartials(n));

    private bool Fits(long bytes, string operation)
    {
        long available = Available();
        if (bytes <= available)
        {
            return true;
        }

        Fallback(operation, bytes, available);
        return false;
    }

    /// <summary>Refuses (throws) or records a fallback, per the policy.</summary>
    private void Fallback(string operation, long bytes, long available)
    {
        if (_options.MemoryPolicy == IlgpuMemoryPolicy.Refuse)
        {
            throw new InsufficientDeviceMemoryException(
                $"{operation} needs {Describe(bytes)} of device memory but {Describe(available)} is available on {DeviceName}; use fewer samples, ComputeBackend.Cpu, or IlgpuMemoryPolicy.FallBackToCpu.",
                bytes,
                available);
        }

        var args = new DeviceFallbackEventArgs(operation, bytes, available);
        lock (_gate)
        {
            FallbackCount++;
            LastFallback = args;
        }

        FellBack?.Invoke(this, args);
    }

    /// <summary>How many matrices of <paramref name="perMatrix"/> bytes fit beside <paramref name="fixedBytes"/> (0: none).</summary>
    private int ChunkFor(int count, long perMatrix, long fixedBytes)
    {
        long room = Available() - fixedBytes;
        return room < perMatrix ? 0 : (int)Math.Min(Math.Min(count, MaxBatch), room / perMatrix);
    }

    private Kernels Ready()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // CUDA contexts are per thread: make ours current on whichever thread calls (estimators call from workers).
        _accelerator.Bind();
        return _kernels ??= new Kernels(_accelerator);
    }

    private MemoryBuffer1D<double, Stride1D.Dense> Upload(double[] values)
    {
        var buffer = _accelerator.Allocate1D<double>(values.Length);
        buffer.CopyFromCPU(values);
        return buffer;
    }

    private MemoryBuffer1D<double, Stride1D.Dense> UploadStack(IReadOnlyList<double[]> matrices, long nn)
    {
        var stack = _accelerator.Allocate1D<double>(nn * matrices.Count);
        for (int p = 0; p < matrices.Count; p++)
        {
            ReadOnlySpan<double> m = matrices[p].AsSpan(0, (int)nn);
            FromHost(stack.View.SubView(p * nn, nn), m);
        }

        return stack;
    }

    private void LaunchDistances(Kernels k, MemoryBuffer1D<double, Stride1D.Dense> x, int n, int d, MemoryBuffer1D<double, Stride1D.Dense> output, int gaussian, double scale)
    {
        int tiles = (n + DeviceKernels.Tile - 1) / DeviceKernels.Tile;
        k.SquaredDistances(new KernelConfig(new Index2D(tiles, tiles), new Index2D(DeviceKernels.Tile, DeviceKernels.Tile)), x.View, n, d, output.View, gaussian, scale);
    }

    /// <summary>output[b] = trace-normalised ∘ over subsets[b] of the stack; returns the traces (before normalisation).</summary>
    private double[] Products(Kernels k, MemoryBuffer1D<double, Stride1D.Dense> stack, int[][] subsets, int n, ArrayView<double> output)
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
        using var traces = _accelerator.Allocate1D<double>(m);
        k.HadamardBatch(new Index2D(nn, m), stack.View, tableBuffer.View, width, nn, output);
        k.NormalizeByTrace(new KernelConfig(m, _group), output, n, traces.View);
        return traces.GetAsArray1D();
    }

    /// <summary>Runs the batched Jacobi kernel on m matrices and writes their sorted eigenvalues to the host.</summary>
    private void Jacobi(Kernels k, ArrayView<double> batch, int n, int m, ArrayView<double> values, ArrayView<int> sweeps, Span<double> destination)
    {
        // Stop at an off-diagonal norm of max(1e-15, n·ε)·‖A‖_F: below the backward error of the CPU solver (≈ n·ε·‖A‖),
        // and reachable in rounding arithmetic (fused multiply-adds included).
        k.JacobiBatch(new KernelConfig(m, _group), batch, n, values, MaxJacobiSweeps, Math.Max(1e-15, n * 2.220446049250313e-16), sweeps);
        ToHost(values.SubView(0, (long)m * n), destination[..(m * n)]);
        for (int b = 0; b < m; b++)
        {
            destination.Slice(b * n, n).Sort();
        }
    }

    /// <summary>Device bytes per matrix of a batched solver beyond the matrix itself.</summary>
    private static long SolverBytes(int n, IlgpuBatchedEigenSolver solver) => solver == IlgpuBatchedEigenSolver.Jacobi
        ? 8L * (n + 1)        // eigenvalues, sweep count (an int, counted as 8 bytes)
        : 8L * (4L * n + 1);  // diagonal, sub-diagonal, u and w, status

    /// <summary>The m matrices of <paramref name="batch"/> (destroyed) by the buffers' solver; sorted eigenvalues to the host.</summary>
    private void SolveBatch(Kernels k, ArrayView<double> batch, int n, int m, SolverBuffers buffers, int first, Span<double> destination)
    {
        if (buffers.Solver == IlgpuBatchedEigenSolver.Jacobi)
        {
            Jacobi(k, batch, n, m, buffers.Values.View, buffers.Status.View, destination);
        }
        else
        {
            TridiagonalBatch(k, batch, n, m, buffers, first, destination);
        }
    }

    /// <summary>
    /// Householder tridiagonalisation of the m matrices (one launch, one group each), root-free QL (one launch, one
    /// thread per matrix), then each matrix's eigenvalues sorted ascending on the host, as the Jacobi path returns them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The QL iteration did not converge for a matrix (as on the CPU).</exception>
    /// <exception cref="ArithmeticException">The tridiagonal is not finite (entries near the float64 limit).</exception>
    private void TridiagonalBatch(Kernels k, ArrayView<double> batch, int n, int m, SolverBuffers buffers, int first, Span<double> destination)
    {
        long length = (long)m * n;
        var d = buffers.Values.View.SubView(0, length);
        var e = buffers.OffDiagonals!.View.SubView(0, length);
        var status = buffers.Status.View.SubView(0, m);
        k.TridiagonalizeBatch(new KernelConfig(m, _group), batch, n, buffers.Work!.View, d, e);
        k.TridiagonalQLBatch(m, d, e, n, m, status);
        var flags = status.GetAsArray1D();
        for (int b = 0; b < m; b++)
        {
            if (flags[b] == 1)
            {
                throw new InvalidOperationException(
                    $"The tridiagonal QL iteration did not converge in {30 * n} sweeps (n = {n}, matrix {first + b} of the batch); the matrix may contain values near the floating-point limits.");
            }

            if (flags[b] == 2)
            {
                throw new ArithmeticException(
                    $"The Householder reduction of matrix {first + b} of the batch (n = {n}) overflowed: its tridiagonal form has values beyond the float64 range (entries near 1.8e308); scale the matrices down first.");
            }
        }

        // Interleaved on the device (element i of matrix b at i·m + b): transpose, then sort each matrix's values.
        var interleaved = new double[length];
        ToHost(d, interleaved);
        for (int b = 0; b < m; b++)
        {
            var values = destination.Slice(b * n, n);
            for (int i = 0; i < n; i++)
            {
                values[i] = interleaved[(long)i * m + b];
            }

            values.Sort();
        }
    }

    /// <summary>
    /// Scales a matrix in place by the power of two 2^−e that brings its largest entry into [1, 2) (exact), and returns
    /// e: the sums of squares of the reflectors then neither overflow (entries near 1e200) nor underflow (near 1e−200).
    /// </summary>
    private static int ScaleToUnit(double[] matrix)
    {
        double largest = 0;
        foreach (double v in matrix)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        if (largest == 0)
        {
            return 0;
        }

        int exponent = Math.ILogB(largest);
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] = Math.ScaleB(matrix[i], -exponent);
        }

        return exponent;
    }

    /// <summary>
    /// Householder tridiagonalisation of the symmetric matrix in <paramref name="a"/> on the device (destroyed; both
    /// triangles are read and kept), then the tridiagonal's eigenvalues by bisection on the device; ascending, and
    /// multiplied by 2^<paramref name="exponent"/> (undoing <see cref="ScaleToUnit"/>).
    /// </summary>
    private double[] Tridiagonal(Kernels k, ArrayView<double> a, int n, int exponent)
    {
        var d = new double[n];
        var e = new double[Math.Max(1, n)];
        if (n == 1)
        {
            ToHost(a.SubView(0, 1), d.AsSpan());
            return [Math.ScaleB(d[0], exponent)];
        }

        // Panels of b reflectors (blocked reduction, see DeviceKernels.BlockedTridiagonal.cs): per reflector the panel's
        // row correction + reflector, the mat-vec of the panel-start trailing block with its correction, and w; per
        // panel one rank-2b update of the trailing block.
        int b = Math.Min(_options.TridiagonalPanel, Math.Max(1, n - 2));
        using var ut = _accelerator.Allocate1D<double>((long)b * n);
        using var wt = _accelerator.Allocate1D<double>((long)b * n);
        using var dots = _accelerator.Allocate1D<double>(2L * b);
        using var dd = _accelerator.Allocate1D<double>(n);
        using var ee = _accelerator.Allocate1D<double>(n);
        using var partials = _accelerator.Allocate1D<double>(Math.Max(1, SymvPartials(n)));
        for (int start = 0; start < n - 2; start += b)
        {
            int count = Math.Min(b, n - 2 - start);
            for (int j = 0; j < count; j++)
            {
                int step = start + j, trailing = n - step - 1;
                var u = ut.View.SubView((long)j * n, n);
                var w = wt.View.SubView((long)j * n, n);
                k.PanelReflector(new KernelConfig(1, _group), a, n, step, ut.View, wt.View, j, dd.View, ee.View);
                // The symmetric mat-vec over the lower triangle of the trailing block, one group per tile.
                long blocks = (trailing + DeviceKernels.SymvTile - 1) / DeviceKernels.SymvTile;
                k.SymvTiles(new KernelConfig((int)(blocks * (blocks + 1) / 2), DeviceKernels.SymvTile), a, n, step + 1, u, partials.View);
                if (j > 0)
                {
                    k.PanelDots(new KernelConfig(2 * j, _group), ut.View, wt.View, n, step, j, dots.View);
                }

                k.SymvSum(trailing, partials.View, n, step + 1, (int)blocks, ut.View, wt.View, j, dots.View);
                k.RankTwoVector(new KernelConfig(1, _group), u, w, n, step);
            }

            int from = start + count, m = n - from, tiles = (m + 3) / 4;
            k.PanelUpdate(new Index2D(tiles, tiles), a, n, from, ut.View, wt.View, count);
        }

        if (n > 2)
        {
            ToHost(dd.View.SubView(0, n - 2), d.AsSpan(0, n - 2));
            ToHost(ee.View.SubView(0, n - 2), e.AsSpan(0, n - 2));
        }

        var corner = new double[4];
        ToHost(a.SubView((long)(n - 2) * n + n - 2, 2), corner.AsSpan(0, 2));
        ToHost(a.SubView((long)(n - 1) * n + n - 2, 2), corner.AsSpan(2, 2));
        d[n - 2] = corner[0];
        d[n - 1] = corner[3];
        e[n - 2] = corner[2];
        var values = TridiagonalOnDevice(k, d, e);
        for (int i = 0; i < n; i++)
        {
            values[i] = Math.ScaleB(values[i], exponent);
        }

        return values;
    }

    /// <summary>
    /// Eigenvalues of the tridiagonal (d, e) by bisection on the device, one thread per eigenvalue, ascending. The
    /// bracket is Gershgorin's, widened as dstebz does; the tolerance is 2ε·‖T‖ — the size of the rounding errors of
    /// the reduction that produced T, so no eigenvalue is less accurate than the QL iteration would make it.
    /// </summary>
    private double[] TridiagonalOnDevice(Kernels k, double[] d, double[] e)
    {
        // T comes from a matrix of unit size (ScaleToUnit, or a trace-normalised product), so e² neither overflows nor
        // underflows harmfully; pivmin guards the Sturm recurrence against the rest.
        int n = d.Length;
        const double Epsilon = 2.220446049250313e-16, SafeMinimum = 2.2250738585072014e-308;
        double lower = double.PositiveInfinity, upper = double.NegativeInfinity, largestSquare = 0;
        var e2 = new double[Math.Max(1, n - 1)];
        for (int i = 0; i < n; i++)
        {
            BackendGuard.FiniteValue(d[i], "matrix");
            double left = i > 0 ? Math.Abs(e[i - 1]) : 0, right = 0;
            if (i < n - 1)
            {
                BackendGuard.FiniteValue(e[i], "matrix");
                right = Math.Abs(e[i]);
                e2[i] = e[i] * e[i];
                largestSquare = Math.Max(largestSquare, e2[i]);
            }

            lower = Math.Min(lower, d[i] - left - right);
            upper = Math.Max(upper, d[i] + left + right);
        }

        if (largestSquare == 0)
        {
            // Already diagonal (e.g. a zero matrix): the eigenvalues are d, exactly.
            var diagonal = d.ToArray();
            Array.Sort(diagonal);
            return diagonal;
        }

        double norm = Math.Max(Math.Abs(lower), Math.Abs(upper));
        double pivmin = SafeMinimum * Math.Max(1, largestSquare);
        double widen = 2.1 * Epsilon * norm * n + 4 * pivmin;
        lower -= widen;
        upper += widen;
        double tolerance = 2 * Epsilon * norm + 2 * pivmin;
        var result = new double[n];
        using var dd = Upload(d);
        using var ee = Upload(e2);
        using var values = _accelerator.Allocate1D<double>(n);
        k.Bisection(n, dd.View, ee.View, n, lower, upper, tolerance, pivmin, values.View);
        ToHost(values.View, result);
        return result;
    }

    /// <summary>A copy of count matrices with each lower triangle checked for NaN/±∞ and mirrored onto the upper one.</summary>
    private static double[] SymmetricCopy(ReadOnlySpan<double> matrices, int n, int count, string name)
    {
        long nn = (long)n * n;
        var copy = matrices[..(int)(nn * count)].ToArray();
        for (int b = 0; b < count; b++)
        {
            var m = copy.AsSpan((int)(b * nn), (int)nn);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double v = m[i * n + j];
                    if (!double.IsFinite(v))
                    {
                        string which = count > 1 ? $"matrix {b}, " : string.Empty;
                        throw new ArgumentException(
                            $"{name} contains {v.ToString(CultureInfo.InvariantCulture)} at {which}row {i}, column {j}; eigenvalues need finite entries: remove or impute non-finite values first.",
                            name);
                    }

                    m[j * n + i] = v;
                }
            }
        }

        return copy;
    }

    private static Device? First<TDevice>(Context.DeviceCollection<TDevice> devices)
        where TDevice : Device
    {
        foreach (var device in devices)
        {
            return device;
        }

        return null;
    }

    private static void ToHost(ArrayView<double> view, Span<double> destination) => view.CopyToCPU(destination);

    private static void ToHost(ArrayView<int> view, Span<int> destination) => view.CopyToCPU(destination);

    private static void FromHost(ArrayView<double> view, ReadOnlySpan<double> source) => view.CopyFromCPU(source);

    private static int[][] Slice(IReadOnlyList<int[]> subsets, int start, int count)
    {
        var part = new int[count][];
        for (int s = 0; s < count; s++)
        {
            part[s] = subsets[start + s];
        }

        return part;
    }

    /// <summary>The device buffers of a batched solver for up to <c>chunk</c> matrices of order n (none when chunk is 0).</summary>
    private sealed class SolverBuffers : IDisposable
    {
        public SolverBuffers(Accelerator accelerator, int chunk, int n, IlgpuBatchedEigenSolver solver)
        {
            Solver = solver;
            long length = (long)Math.Max(chunk, 1) * n;
            Values = accelerator.Allocate1D<double>(chunk > 0 ? length : 1);
            Status = accelerator.Allocate1D<int>(Math.Max(chunk, 1));
            if (solver == IlgpuBatchedEigenSolver.Tridiagonal && chunk > 0)
            {
                OffDiagonals = accelerator.Allocate1D<double>(length);
                Work = accelerator.Allocate1D<double>(2 * length);
            }
        }

        public IlgpuBatchedEigenSolver Solver { get; }

        /// <summary>Jacobi: the eigenvalues (matrix-major). Tridiagonal: the diagonals, then the eigenvalues (interleaved).</summary>
        public MemoryBuffer1D<double, Stride1D.Dense> Values { get; }

        /// <summary>Jacobi: sweeps used. Tridiagonal: the QL's status per matrix.</summary>
        public MemoryBuffer1D<int, Stride1D.Dense> Status { get; }

        public MemoryBuffer1D<double, Stride1D.Dense>? OffDiagonals { get; }

        /// <summary>u and w of the Householder steps, 2n per matrix.</summary>
        public MemoryBuffer1D<double, Stride1D.Dense>? Work { get; }

        public void Dispose()
        {
            Values.Dispose();
            Status.Dispose();
            OffDiagonals?.Dispose();
            Work?.Dispose();
        }
    }

    /// <summary>The compiled kernels of one accelerator (compiled on first use of the backend).</summary>
    private sealed class Kernels(Accelerator accelerator)
    {
        public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, int, double> SquaredDistances { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, int, double>(DeviceKernels.SquaredDistances);

        private readonly Lazy<Action<KernelConfig, ArrayView<float>, int, int, ArrayView<double>, int, float>> _single = new(() =>
            accelerator.LoadStreamKernel<ArrayView<float>, int, int, ArrayView<double>, int, float>(DeviceKernels.SquaredDistancesSingle));

        /// <summary>Compiled on first use only (most callers never opt into float32).</summary>
        public Action<KernelConfig, ArrayView<float>, int, int, ArrayView<double>, int, float> SquaredDistancesSingle => _single.Value;

        public Action<Index2D, ArrayView<double>, ArrayView<int>, int, int, ArrayView<double>> HadamardBatch { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, ArrayView<int>, int, int, ArrayView<double>>(DeviceKernels.HadamardBatch);

        public Action<KernelConfig, ArrayView<double>, int, int, long, ArrayView<double>> GaussianPairSums { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, int, long, ArrayView<double>>(DeviceKernels.GaussianPairSums);

        public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>> NormalizeByTrace { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>>(DeviceKernels.NormalizeByTrace);

        public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>> SquaredNormBatch { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>>(DeviceKernels.SquaredNormBatch);

        public Action<KernelConfig, ArrayView<double>, long, ArrayView<double>> SquaredSumPartials { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, long, ArrayView<double>>(DeviceKernels.SquaredSumPartials);

        public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, int, double, ArrayView<int>> JacobiBatch { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>, int, double, ArrayView<int>>(DeviceKernels.JacobiBatch);

        public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>, ArrayView<double>> PanelReflector { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>, ArrayView<double>>(
                DeviceKernels.PanelReflector);

        public Action<KernelConfig, ArrayView<double>, ArrayView<double>, int, int, int, ArrayView<double>> PanelDots { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, int, int, int, ArrayView<double>>(DeviceKernels.PanelDots);

        public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>> SymvTiles { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>>(DeviceKernels.SymvTiles);

        public Action<Index1D, ArrayView<double>, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>> SymvSum { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>>(
                DeviceKernels.SymvSum);

        public Action<Index2D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int> PanelUpdate { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int>(DeviceKernels.PanelUpdate);

        public Action<Index1D, ArrayView<double>, ArrayView<double>, int, double, double, double, double, ArrayView<double>> Bisection { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, double, double, double, double, ArrayView<double>>(
                DeviceKernels.Bisection);

        public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>> TridiagonalizeBatch { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>>(DeviceKernels.TridiagonalizeBatch);

        public Action<Index1D, ArrayView<double>, ArrayView<double>, int, int, ArrayView<int>> TridiagonalQLBatch { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, int, ArrayView<int>>(DeviceKernels.TridiagonalQLBatch);


        public Action<KernelConfig, ArrayView<double>, ArrayView<double>, int, int> RankTwoVector { get; } =
            accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, int, int>(DeviceKernels.RankTwoVector);

        public Action<Index1D, ArrayView<double>, ArrayView<double>, int, int, int, int, int, ArrayView<double>, ArrayView<int>> Nearest { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, int, int, int, int, ArrayView<double>, ArrayView<int>>(
                DeviceKernels.Nearest);

        public Action<Index1D, ArrayView<double>, int, int, ArrayView<double>, int, int, ArrayView<int>> CountWithin { get; } =
            accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, ArrayView<double>, int, int, ArrayView<int>>(DeviceKernels.CountWithin);
    }
}
