using InfoTheory.Internal;

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

    /// <summary>
    /// I(X;Y), with its standard error and <see cref="KdeDiagnostics"/> (the bandwidth factors h_X, h_Y, h_XY and a
    /// <see cref="KdeDiagnostics.WidthChecks"/> entry for each of the three densities).
    /// </summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="progress">Receives the stage <c>densities</c> (3N density evaluations); null for none.</param>
    /// <param name="cancellationToken">Checked every 64 rows of the kernel sums.</param>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or a singular covariance.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples x, Samples y, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AcrossWidths(x, y, [1], progress, cancellationToken)[0];

    /// <summary>
    /// The bandwidth sensitivity of I(X;Y): the estimate again with each density's bandwidth factor multiplied by each
    /// factor (h_X·f, h_Y·f, h_XY·f, h from <see cref="KdeOptions.Rule"/>), in one call that whitens the three densities,
    /// applies the rule (for <see cref="KdeBandwidthRule.LeaveOneOutLikelihood"/>: runs the search) and measures the median
    /// whitened distances once; per factor only the 3N kernel sums are redone. Each estimate equals
    /// <see cref="Estimate"/> with those three factors, and its diagnostics give them with their width checks. The same
    /// reading as <see cref="MatrixRenyiMutualInformation.EstimateAcrossWidths"/>: a value that moves with f as much as with
    /// what is measured is the bandwidth talking.
    /// </summary>
    /// <remarks>Cost: O(N·d²) for the whitening once (plus the likelihood search, if that is the rule), then O(N²·d) per
    /// factor; memory O(N·d).</remarks>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="factors">The factors, each in [0.001, 1000] (e.g. 0.5, 1, 2; 1 is the plain estimate).</param>
    /// <param name="progress">Receives the stage <c>densities</c> (3N density evaluations per factor); null for none.</param>
    /// <param name="cancellationToken">Checked every 64 rows of the kernel sums.</param>
    /// <returns>One estimate per factor, in order.</returns>
    /// <exception cref="ArgumentException">No factors or one outside [0.001, 1000] (NaN, ≤ 0), unusable samples, different
    /// counts, or a singular covariance.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<InformationEstimate> EstimateAcrossWidths(Samples x, Samples y, IReadOnlyList<double> factors,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        WidthFactors.Require(factors, nameof(factors));
        return AcrossWidths(x, y, factors, progress, cancellationToken);
    }

    /// <summary>The estimate at each factor of the rule's bandwidths: the one path of <see cref="Estimate"/> and <see cref="EstimateAcrossWidths"/>.</summary>
    private InformationEstimate[] AcrossWidths(Samples x, Samples y, IReadOnlyList<double> factors, IProgress<EstimationProgress>? progress,
        CancellationToken cancellationToken)
    {
        Guard.SameCount(x, y);
        var work = WorkTracker.Create(progress, cancellationToken);
        // The three log-Jacobians of the power-of-two normalisation cancel (the joint's is the sum of the others'), so
        // the terms of the normalised data are used as they are: the MI is bit-identical for data times powers of two.
        var densities = new[]
        {
            KdeEntropy.Prepare(x, Options, nameof(x), work),
            KdeEntropy.Prepare(y, Options, nameof(y), work),
            KdeEntropy.Prepare(Concatenate(x, y), Options, "(x, y)", work),
        };
        work?.Begin(EstimationStages.Densities, 3L * factors.Count * x.Count);
        var result = new InformationEstimate[factors.Count];
        for (int f = 0; f < factors.Count; f++)
        {
            var h = densities.Select(d => d.Bandwidth * factors[f]).ToArray();
            var terms = new double[3][];
            for (int v = 0; v < 3; v++)
            {
                terms[v] = densities[v].Data.NegativeLogDensities(h[v], Options.LeaveOneOut, Options.Parallel, work);
            }

            var mi = new double[x.Count];
            for (int i = 0; i < mi.Length; i++)
            {
                mi[i] = terms[0][i] + terms[1][i] - terms[2][i];
            }

            result[f] = KdeEntropy.MeanWithError(mi) with
            {
                Diagnostics = KdeDiagnostics.Of(Options, h, [.. densities.Select((d, v) => d.Data.Check(h[v]))]),
            };
        }

        return result;
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
