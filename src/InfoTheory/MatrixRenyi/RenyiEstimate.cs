using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// A matrix-based Rényi estimate with what it was computed with: the order α, the kernel width σ of each variable
/// (in argument order), the eigenvalue mass clipped at 0, and whether a joint Gram matrix saturated.
/// </summary>
/// <param name="Value">The estimate (an entropy or a mutual information).</param>
/// <param name="Alpha">The order α.</param>
/// <param name="Widths">The kernel width σ used for each variable, in the order the variables were given.</param>
public sealed record RenyiEstimate(Information Value, double Alpha, IReadOnlyList<double> Widths)
{
    /// <summary>The kernel width σ used for each variable, in the order the variables were given.</summary>
    public IReadOnlyList<double> Widths { get => _widths; init => _widths = ValueList<double>.Require(value, nameof(Widths)); }

    private readonly IReadOnlyList<double> _widths = ValueList<double>.Require(Widths, nameof(Widths));

    /// <summary>
    /// Σ|λ| over the eigenvalues below 0 that round-off produced and that were clipped to 0 (never abs() or +ε).
    /// 0 for α = 2, which needs no eigenvalues.
    /// </summary>
    public double ClippedEigenvalueMass { get; init; }

    /// <summary>
    /// True when a joint entropy reached 0.99·log N: the Hadamard product is close to diag(1/N) and the estimate
    /// says more about N than about the data. Use a larger σ, fewer variables, or the whole-layer variant.
    /// </summary>
    public bool Saturated { get; init; }

    /// <summary>The value, so an estimate can be used where an <see cref="Information"/> is expected.</summary>
    public static implicit operator Information(RenyiEstimate estimate) => estimate?.Value ?? throw new ArgumentNullException(nameof(estimate));

    /// <summary>The value as an <see cref="Information"/>.</summary>
    public Information ToInformation() => Value;
}
