using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Multivariate mutual information between an input X and a layer of feature maps T¹…T^C,
/// I_α(X; {T¹…T^C}) = S_α(B) + S_α(∘A_p/tr) − S_α(∘A_p∘B/tr) (Yu, Wickstrøm, Jenssen &amp; Principe,
/// IEEE TNNLS 32(1) 2021, eq. 5, doi:10.1109/TNNLS.2020.2968509), with B the Gram of X and A_p that of map p.
/// </summary>
/// <remarks>
/// With <see cref="LayerRepresentation.WholeTensor"/> the layer is one variable (one Gram matrix over C·H·W) and the
/// estimate is the bivariate <see cref="MatrixRenyiMutualInformation"/>. Widths are reported as σ_X then σ of each map
/// (or of the whole layer). Each map's Gram is built, folded into the product and dropped, so memory stays at four N×N
/// matrices whatever C is and whatever the backend (none for α = 2 with a width that needs no distances). Results in
/// nats. Thread-safe.
/// </remarks>
public sealed class MultivariateMutualInformation
{
    /// <summary>An estimator with the given settings.</summary>
    /// <param name="options">Matrix-Rényi settings (defaults: α = 1.01, Gaussian kernel, Silverman h = 5).</param>
    /// <param name="representation">How the layer enters (default: feature maps, as in the paper).</param>
    public MultivariateMutualInformation(MatrixRenyiOptions? options = null, LayerRepresentation representation = LayerRepresentation.FeatureMaps)
    {
        Options = options ?? MatrixRenyiOptions.Default;
        Representation = EnumGuard.Defined(representation);
    }

    /// <summary>The settings.</summary>
    public MatrixRenyiOptions Options { get; }

    /// <summary>How the layer enters.</summary>
    public LayerRepresentation Representation { get; }

    /// <summary>I_α(X; layer).</summary>
    /// <param name="x">N observations of the input X.</param>
    /// <param name="layer">The same N observations of the layer.</param>
    /// <param name="progress">Receives the stages <c>gram</c> (X and every map, or X and the whole layer, N rows each) and
    /// <c>eigenvalues</c> (three spectra, N columns each; none for α = 2), see <see cref="EstimationProgress"/>; null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples, different sample counts, or over the memory budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples x, FeatureMaps layer, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Usable(x, 2);
        var whole = layer.Flatten();
        Guard.Usable(whole, 2, nameof(layer));
        Guard.SameCount(x, whole, nameof(x), nameof(layer));
        if (Representation == LayerRepresentation.WholeTensor)
        {
            return new MatrixRenyiMutualInformation(Options).Estimate(x, whole, progress, cancellationToken);
        }

        var work = WorkTracker.Create(progress, cancellationToken);

        int n = x.Count, c = layer.Channels;
        double sx, st, sxt, clipped = 0;
        var widths = new double[c + 1];
        RenyiEngine.JointEntropyResult? entropies = null;
        if ((Options.Alpha == 2 && !Options.Bandwidth.NeedsDistances) || Options.Approximates(n))
        {
            // Streamed pair sums, or the approximate method's factorisations: no N×N matrix at all.
            var variables = new Samples[c + 1];
            variables[0] = x;
            for (int p = 0; p < c; p++)
            {
                variables[p + 1] = layer[p];
            }

            var maps = Enumerable.Range(1, c).ToArray();
            entropies = RenyiEngine.JointEntropies(variables, [[0], maps, [0, .. maps]], Options, work, combined: 3);
            var (nats, w, _) = entropies.Value;
            (sx, st, sxt) = (nats[0], nats[1], nats[2]);
            w.CopyTo(widths, 0);
        }
        else
        {
            // K_X, the running product over the maps, one map's Gram and the spectrum's scratch: four N×N matrices.
            var backend = Options.Backend;
            RenyiEngine.RequireMemory(Options, n, 4,
                m => RenyiEngine.SnapshotBytes([x, layer[0]], m) + (Options.Alpha == 2 ? 0 : backend.SpectraWorkspaceBytes(m, 1)),
                "The multivariate mutual information");
            var context = new ComputeContext(work, Options.Parallel);
            double[] kx, product, scratch = RenyiEngine.AllocateMatrix(n), map = RenyiEngine.AllocateMatrix(n);
            work?.Begin(EstimationStages.Gram, (long)(c + 1) * n);
            (kx, widths[0]) = RenyiEngine.UnitGram(x, Options, context);
            (product, widths[1]) = RenyiEngine.UnitGram(layer[0], Options, context);
            double[][] pair = [product, map];
            for (int p = 1; p < c; p++)
            {
                (_, widths[p + 1]) = RenyiEngine.UnitGram(layer[p], Options, context, map);
                backend.HadamardProduct(pair, [0, 1], n, product);
            }

            if (Options.Alpha != 2)
            {
                work?.Begin(EstimationStages.Eigenvalues, 3L * n);
            }

            double cl;
            kx.CopyTo(scratch, 0);
            (sx, cl) = RenyiEngine.Entropy(backend, scratch, n, Options.Alpha, context);
            clipped += cl;
            product.CopyTo(scratch, 0);
            (st, cl) = RenyiEngine.Entropy(backend, scratch, n, Options.Alpha, context);
            clipped += cl;
            backend.HadamardProduct([product, kx], [0, 1], n, product);
            (sxt, cl) = RenyiEngine.Entropy(backend, product, n, Options.Alpha, context);
            clipped += cl;
        }

        bool saturated = RenyiDiagnostics.LimitedByCeiling(Information.FromNats(sx + st), Information.FromNats(sxt), n);
        WidthCheck[] checks = [RenyiDiagnostics.Check(x, widths[0], sx), RenyiDiagnostics.Check(layer, widths[1..], st)];
        return entropies is { } computed
            ? RenyiDiagnostics.Estimate(computed, [0, 1], [2], RenyiEngine.TrimRoundOff(sx + st - sxt, n), n, Options.Alpha, saturated, checks, Options)
            : RenyiDiagnostics.Estimate(RenyiEngine.TrimRoundOff(sx + st - sxt, n), n, Options.Alpha, widths, clipped, saturated, checks);
    }
}
