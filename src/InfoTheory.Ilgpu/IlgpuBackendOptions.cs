using InfoTheory.Internal;
namespace InfoTheory.Ilgpu;

/// <summary>Settings of an <see cref="IlgpuBackend"/>. Immutable; invalid values are refused when set.</summary>
public sealed record IlgpuBackendOptions
{
    private readonly long? _memoryLimitBytes;
    private readonly double _memoryFraction = 0.9;
    private readonly IlgpuBatchedEigenSolver _batchedEigenSolver = IlgpuBatchedEigenSolver.Tridiagonal;

    /// <summary>The accelerator to use; <see cref="IlgpuDevice.Auto"/> (CUDA, then OpenCL) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined device.</exception>
    public IlgpuDevice Device { get; init => field = EnumGuard.Defined(value, nameof(Device)); } = IlgpuDevice.Auto;

    /// <summary>Reflectors per panel of the blocked large-matrix tridiagonalisation (tests set small values to cover panel edges).</summary>
    internal int TridiagonalPanel { get; init; } = 32;

    /// <summary>
    /// The solver for batches of small matrices (orders up to 1024); <see cref="IlgpuBatchedEigenSolver.Tridiagonal"/>
    /// (Householder + root-free QL, the least work) by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="IlgpuBatchedEigenSolver"/>.</exception>
    public IlgpuBatchedEigenSolver BatchedEigenSolver
    {
        get => _batchedEigenSolver;
        init => _batchedEigenSolver = EnumGuard.Defined(value, nameof(BatchedEigenSolver));
    }

    /// <summary>The arithmetic of the distance and Gram kernels; <see cref="IlgpuPrecision.Double"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined precision.</exception>
    public IlgpuPrecision GramPrecision { get; init => field = EnumGuard.Defined(value, nameof(GramPrecision)); } = IlgpuPrecision.Double;

    /// <summary>What happens when an operation does not fit in device memory; <see cref="IlgpuMemoryPolicy.Refuse"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined policy.</exception>
    public IlgpuMemoryPolicy MemoryPolicy { get; init => field = EnumGuard.Defined(value, nameof(MemoryPolicy)); } = IlgpuMemoryPolicy.Refuse;

    /// <summary>
    /// The share of the free device memory an operation may take (default 0.9; the rest is left to the driver and
    /// other programs).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double MemoryFraction
    {
        get => _memoryFraction;
        init
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(MemoryFraction), value, "MemoryFraction must be in (0, 1]; the default is 0.9.");
            }

            _memoryFraction = value;
        }
    }

    /// <summary>
    /// An upper bound on the device memory one operation may use, in bytes, below what the device reports (null: none).
    /// Useful to share a GPU, and to test the memory policy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long? MemoryLimitBytes
    {
        get => _memoryLimitBytes;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), value, "MemoryLimitBytes must be at least 1 byte, or null for no limit.");
            }

            _memoryLimitBytes = value;
        }
    }
}
