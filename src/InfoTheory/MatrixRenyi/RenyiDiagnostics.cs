using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The diagnostics of a matrix-based Rényi estimate (entropy, joint or conditional entropy, mutual information, total
/// correlation, multivariate MI, the PID proxies): the order α, the kernel width σ of each variable, the eigenvalue mass
/// clipped at 0, and whether a joint Gram matrix saturated.
/// </summary>
/// <param name="Alpha">The order α.</param>
/// <param name="Widths">The kernel width σ used for each variable, in the order the variables were given (X then each
/// feature map for a multivariate MI or the PID proxies).</param>
/// <param name="ClippedEigenvalueMass">Σ|λ| over the eigenvalues below 0 that round-off produced and that were clipped to 0
/// (never abs() or +ε), over every spectrum of the estimate; 0 for α = 2, which needs no eigenvalues.</param>
/// <param name="Saturated">True when a joint entropy reached 0.99·log N: the Hadamard product is close to diag(1/N) and
/// the estimate says more about N than about the data. Use a larger σ, fewer variables, or the whole-layer variant.</param>
public sealed record RenyiDiagnostics(double Alpha, IReadOnlyList<double> Widths, double ClippedEigenvalueMass, bool Saturated) : EstimateDiagnostics
{
    /// <summary>The kernel width σ used for each variable, in the order the variables were given.</summary>
    public IReadOnlyList<double> Widths { get => _widths; init => _widths = ValueList<double>.Require(value, nameof(Widths)); }

    private readonly IReadOnlyList<double> _widths = ValueList<double>.Require(Widths, nameof(Widths));

    /// <summary>A matrix-Rényi estimate of <paramref name="nats"/> from N observations: no standard error (the estimator has no theory for one).</summary>
    internal static InformationEstimate Estimate(double nats, int n, double alpha, IReadOnlyList<double> widths, double clipped, bool saturated) =>
        new(Information.FromNats(nats), null, n) { Diagnostics = new RenyiDiagnostics(alpha, widths, clipped, saturated) };
}
