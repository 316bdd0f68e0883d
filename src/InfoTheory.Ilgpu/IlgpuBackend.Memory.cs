using System.Globalization;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace InfoTheory.Ilgpu;

/// <summary>
/// The device-memory policy: what one operation may use now, the bytes each operation needs, and what happens when they
/// do not fit (refuse, or run on the CPU and report it).
/// </summary>
public sealed partial class IlgpuBackend
{
    // At most this many matrices per batched launch (bounds the output arrays as well as the device memory).
    private const int MaxBatch = 8192;

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

    /// <summary>Device bytes per matrix of a batched solver beyond the matrix itself.</summary>
    private static long SolverBytes(int n, IlgpuBatchedEigenSolver solver) => solver == IlgpuBatchedEigenSolver.Jacobi
        ? 8L * (n + 1)        // eigenvalues, sweep count (an int, counted as 8 bytes)
        : 8L * (4L * n + 1);  // diagonal, sub-diagonal, u and w, status

    /// <summary>Whether <paramref name="bytes"/> fit now; when not, refuses (throws) or records the fallback, per the policy.</summary>
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
}
