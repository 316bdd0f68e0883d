namespace InfoTheory;

/// <summary>How a matrix-based Rényi entropy is computed (<see cref="MatrixRenyiOptions.Method"/>).</summary>
public enum MatrixRenyiMethod
{
    /// <summary>The whole spectrum of the N×N Gram matrix: O(N²·d + N³) time, O(N²) memory.</summary>
    Exact,

    /// <summary>
    /// A certified interval from a pivoted partial Cholesky factorisation grown until the interval is no wider than
    /// <see cref="MatrixRenyiOptions.Tolerance"/>: kernel columns computed on demand, O(N·r) memory, no N×N matrix. The
    /// reported value is the interval's midpoint; <see cref="RenyiDiagnostics.Lower"/> and <see cref="RenyiDiagnostics.Upper"/>
    /// give the interval, which contains the exact value. Gaussian kernel and a width rule that needs no distances only.
    /// </summary>
    Approximate,

    /// <summary>Exact up to <see cref="MatrixRenyiOptions.AutomaticExactLimit"/> observations, approximate above (exact
    /// whatever N for a rule the approximation cannot take: the median width, a kernel other than the Gaussian).</summary>
    Automatic,
}
