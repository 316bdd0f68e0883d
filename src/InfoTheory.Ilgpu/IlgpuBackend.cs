using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using InfoTheory.Internal;

namespace InfoTheory.Ilgpu;

/// <summary>
/// A <see cref="ComputeBackend"/> on a GPU through ILGPU (CUDA or OpenCL), or on ILGPU's CPU simulator for tests.
/// Create it explicitly, pass it as <see cref="MatrixRenyiOptions.Backend"/> or <see cref="KnnOptions.Backend"/>, and
/// dispose it when done.
/// </summary>
/// <remarks>
/// <para><b>Kernels</b> (float64 throughout): tiled pairwise squared distances and Gaussian Grams (16×16 tiles staged
/// through shared memory; direct differences, so no cancellation); batched Hadamard products; Frobenius norms and the
/// Gram-free α = 2 pair sums (per-group partial sums added on the host in a fixed order, so results repeat run to run);
/// batched eigenvalues of matrices up to order 1024 (the partial-information pass: thousands of N×N spectra with N a
/// batch), by default Householder tridiagonalisation with one group per matrix then the root-free QL with one thread
/// per matrix, or cyclic Jacobi with one group per matrix (<see cref="IlgpuBackendOptions.BatchedEigenSolver"/>); for
/// larger matrices, blocked Householder tridiagonalisation and bisection of the tridiagonal, both on the device;
/// brute-force k-nearest-neighbor searches and radius counts (the KSG counts combine the two). Host-side work: κ of
/// kernels other than the Gaussian (any <see cref="IKernel"/> is managed code), the kernel pass of a Gram made from
/// distances the caller holds, the kernel pair sums of other kernels (on <see cref="ComputeBackend.Cpu"/>), and the
/// radii of the KSG counts.</para>
/// <para><b>Memory</b>: every operation computes the device memory it needs before allocating and compares it with
/// <see cref="IlgpuBackendOptions.MemoryFraction"/> of the free memory (CUDA reports it; OpenCL and the simulator
/// report their total), capped by <see cref="IlgpuBackendOptions.MemoryLimitBytes"/>. Over it, the operation is refused
/// with an <see cref="InsufficientDeviceMemoryException"/>, or with <see cref="IlgpuMemoryPolicy.FallBackToCpu"/> runs on
/// <see cref="ComputeBackend.Cpu"/>, raises <see cref="FellBack"/> and counts in <see cref="FallbackCount"/>.</para>
/// <para><b>Precision</b>: float64 unless <see cref="IlgpuBackendOptions.GramPrecision"/> opts the Gram kernel into
/// float32. In float64, results agree with <see cref="ComputeBackend.Cpu"/> to about 1e-12 relative (sums run in a
/// different order; GPUs contract a·b + c into fused multiply-adds). The eigenvalues (either batched solver, and the
/// large-matrix path) have absolute errors of order ε·‖A‖_F, like the CPU path's.</para>
/// <para><b>Progress</b>: device work is not interrupted; each operation counts its units and checks for cancellation
/// when a launch (or a chunk of a batch) returns.</para>
/// <para>One operation runs at a time (calls from several threads are serialised). Not usable after <see cref="Dispose"/>.</para>
/// </remarks>
public sealed partial class IlgpuBackend : ComputeBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly IlgpuBackendOptions _options;
    private readonly object _gate = new();
    private readonly int _group;
    private CompiledKernels? _kernels;
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
            var (device, kind) = DeviceSelection.Choose(context, options.Device);
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
            _ = DeviceSelection.Choose(context, EnumGuard.Defined(device));
            return true;
        }
#pragma warning disable CA1031 // a probe: any failure to find or start a driver means "not available"
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
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

    /// <summary>The compiled kernels, with the accelerator bound to the calling thread (call under the gate).</summary>
    private CompiledKernels Ready()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // CUDA contexts are per thread: make ours current on whichever thread calls (estimators call from workers).
        _accelerator.Bind();
        return _kernels ??= new CompiledKernels(_accelerator);
    }

    private MemoryBuffer1D<double, Stride1D.Dense> Upload(ReadOnlySpan<double> values)
    {
        var buffer = _accelerator.Allocate1D<double>(values.Length);
        FromHost(buffer.View, values);
        return buffer;
    }

    private MemoryBuffer1D<double, Stride1D.Dense> UploadStack(IReadOnlyList<double[]> matrices, long nn)
    {
        var stack = _accelerator.Allocate1D<double>(nn * matrices.Count);
        for (int p = 0; p < matrices.Count; p++)
        {
            FromHost(stack.View.SubView(p * nn, nn), matrices[p].AsSpan(0, (int)nn));
        }

        return stack;
    }

    private static void ToHost(ArrayView<double> view, Span<double> destination) => view.CopyToCPU(destination);

    private static void ToHost(ArrayView<int> view, Span<int> destination) => view.CopyToCPU(destination);

    private static void FromHost(ArrayView<double> view, ReadOnlySpan<double> source) => view.CopyFromCPU(source);
}
