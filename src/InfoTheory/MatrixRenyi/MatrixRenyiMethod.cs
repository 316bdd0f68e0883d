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
    /// give the interval, which contains the exact value. The rank stops at N/4 or at what
    /// <see cref="MatrixRenyiOptions.MaxMemoryBytes"/> holds; an interval still wider than the tolerance then is reported
    /// as it stands, with <see cref="RenyiDiagnostics.ToleranceMissed"/> set (slowly decaying spectra: σ near or below
    /// the data's distances). Gaussian kernel and a width rule that needs no distances only. Every matrix-Rényi analysis
    /// takes it: entropies, MI, MMI, total correlation, the width scan and the PID proxies (each of their entropies is the
    /// Gaussian Gram of the scaled, concatenated samples).
    /// </summary>
    Approximate,

    /// <summary>
    /// Exact up to <see cref="MatrixRenyiOptions.AutomaticExactLimit"/> observations, approximate above; exact whatever N
    /// for what the approximation cannot take (the median width, a kernel other than the Gaussian), and exact when the approximate interval stays wider than the tolerance and the exact spectra fit
    /// <see cref="MatrixRenyiOptions.MaxMemoryBytes"/>.
    /// </summary>
    Automatic,
}
