using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>The Gaussian kernel κ(x, y) = exp(−‖x − y‖² / (2σ²)), with κ(x, x) = 1.</summary>
/// <remarks>
/// The norm is the Euclidean norm of the whole observation (the Frobenius norm of a feature map), as in Yu et al.,
/// IEEE TPAMI 42(11) 2020, doi:10.1109/TPAMI.2019.2932976. Positive definite and infinitely divisible.
/// </remarks>
public sealed class GaussianKernel : IKernel
{
    /// <summary>The one instance (the kernel has no state).</summary>
    public static GaussianKernel Instance { get; } = new();

    private GaussianKernel()
    {
    }

    /// <inheritdoc />
    public string Name => "gaussian";

    /// <inheritdoc />
    public double Evaluate(double squaredDistance, double width) => Math.Exp(-squaredDistance / (2 * width * width));

    /// <inheritdoc />
    public void Evaluate(ReadOnlySpan<double> squaredDistances, double width, Span<double> destination)
    {
        TensorPrimitives.Multiply(squaredDistances, -1 / (2 * width * width), destination);
        TensorPrimitives.Exp(destination, destination);
    }
}
