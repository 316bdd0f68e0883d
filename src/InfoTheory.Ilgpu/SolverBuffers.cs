using ILGPU;
using ILGPU.Runtime;

namespace InfoTheory.Ilgpu;

/// <summary>The device buffers of a batched solver for up to <c>chunk</c> matrices of order n (none when chunk is 0).</summary>
internal sealed class SolverBuffers : IDisposable
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
