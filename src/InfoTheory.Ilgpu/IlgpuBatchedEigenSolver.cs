namespace InfoTheory.Ilgpu;

/// <summary>
/// How an <see cref="IlgpuBackend"/> computes the eigenvalues of many small symmetric matrices at once (orders up to
/// 1024: <see cref="ComputeBackend.EigenvaluesBatch"/>, <see cref="ComputeBackend.SubsetSpectra"/>, and single
/// matrices up to order 32).
/// </summary>
public enum IlgpuBatchedEigenSolver
{
    /// <summary>
    /// Householder tridiagonalisation, one group per matrix, in one launch for the whole batch, then the root-free QL
    /// iteration (Pal–Walker–Kahan, as LAPACK dsterf), one thread per matrix: about 4/3·n³ flops per matrix, the
    /// least work. Absolute errors of order ε·‖A‖, like the CPU solver's. The default.
    /// </summary>
    Tridiagonal,

    /// <summary>
    /// Cyclic Jacobi, one group per matrix: ~6n³ flops per sweep and ~8–10 sweeps, so far more work, but Jacobi has
    /// high relative accuracy for the small eigenvalues of a positive definite matrix (Demmel &amp; Veselić 1992,
    /// doi:10.1137/0613074) where the stopping tolerance allows.
    /// </summary>
    Jacobi,
}
