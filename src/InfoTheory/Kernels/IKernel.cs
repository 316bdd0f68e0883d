namespace InfoTheory;

/// <summary>
/// A radial, positive-definite, infinitely divisible kernel κ(x, y) = f(‖x − y‖², σ) for the matrix-based Rényi
/// functionals (Sanchez Giraldo, Rao &amp; Principe 2015, doi:10.1109/TIT.2014.2370058): Hadamard powers of its Gram
/// matrices stay positive semidefinite, which the joint-entropy functional needs.
/// </summary>
/// <remarks>Implementations must be immutable and thread-safe; the norm is the Euclidean (Frobenius, for tensors) norm.</remarks>
public interface IKernel
{
    /// <summary>A short name for reports, e.g. <c>gaussian</c>.</summary>
    string Name { get; }

    /// <summary>κ for one squared distance ‖x − y‖² and width σ &gt; 0.</summary>
    double Evaluate(double squaredDistance, double width);

    /// <summary>κ for many squared distances at once (the hot path: override with a vectorised form).</summary>
    void Evaluate(ReadOnlySpan<double> squaredDistances, double width, Span<double> destination)
    {
        for (int i = 0; i < squaredDistances.Length; i++)
        {
            destination[i] = Evaluate(squaredDistances[i], width);
        }
    }
}
