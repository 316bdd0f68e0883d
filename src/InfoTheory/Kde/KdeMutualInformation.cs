namespace InfoTheory;

/// <summary>
/// Mutual information from Gaussian KDE entropies: I(X;Y) = H(X) + H(Y) − H(X,Y), each density with its own bandwidth
/// from the same rule (<see cref="KdeOptions"/>; d per variable, d_X + d_Y for the joint). Nats.
/// </summary>
/// <remarks>
/// <para>Computed per sample, Iᵢ = ln p̂(xᵢ, yᵢ) − ln p̂(xᵢ) − ln p̂(yᵢ), and averaged; the standard error is the std of
/// the Iᵢ over √N. The biases of the three entropies cancel only in part (the joint, in higher dimension, is smoothed
/// more), so the estimate can be slightly negative for independent variables; it is reported as is, not clamped. Use
/// <see cref="PermutationTest"/> to test independence. Cost: three KDE entropies. Immutable and thread-safe.</para>
/// </remarks>
public sealed class KdeMutualInformation : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings (default: Scott, H = h²·Σ̂, resubstitution).</summary>
    public KdeMutualInformation(KdeOptions? options = null) => Options = options ?? KdeOptions.Default;

    /// <summary>The settings.</summary>
    public KdeOptions Options { get; }

    /// <summary>I(X;Y), with its standard error and <see cref="KdeDiagnostics"/> (the bandwidth factors h_X, h_Y, h_XY).</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="progress">Receives the stage <c>densities</c> (3N density evaluations); null for none.</param>
    /// <param name="cancellationToken">Checked every 64 rows of the kernel sums.</param>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or a singular covariance.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples x, Samples y, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Internal.Guard.SameCount(x, y);
        var work = Internal.WorkTracker.Create(progress, cancellationToken);
        // The three log-Jacobians of the power-of-two normalisation cancel (the joint's is the sum of the others'), so
        // the terms of the normalised data are used as they are: the MI is bit-identical for data times powers of two.
        var (hx, _, bx) = KdeEntropy.NegativeLogDensities(x, Options, nameof(x), work, 3);
        var (hy, _, by) = KdeEntropy.NegativeLogDensities(y, Options, nameof(y), work);
        var joint = Concatenate(x, y);
        var (hxy, _, bxy) = KdeEntropy.NegativeLogDensities(joint, Options, "(x, y)", work);
        var terms = new double[x.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = hx[i] + hy[i] - hxy[i];
        }

        return KdeEntropy.MeanWithError(terms) with { Diagnostics = KdeDiagnostics.Of(Options, bx, by, bxy) };
    }

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y);

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, null, cancellationToken);

    /// <summary>The rows of x and y side by side: an N × (d_X + d_Y) copy.</summary>
    internal static Samples Concatenate(in Samples x, in Samples y)
    {
        int n = x.Count, dx = x.Dimensions, dy = y.Dimensions;
        var values = new double[n * (dx + dy)];
        for (int i = 0; i < n; i++)
        {
            x.CopyRowTo(i, values.AsSpan(i * (dx + dy), dx));
            y.CopyRowTo(i, values.AsSpan(i * (dx + dy) + dx, dy));
        }

        return new Samples(values, dx + dy);
    }
}
