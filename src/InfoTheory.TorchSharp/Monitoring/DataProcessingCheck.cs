namespace InfoTheory.TorchSharp;

/// <summary>
/// A violation of the data-processing inequality between two layers: <paramref name="First"/> comes before
/// <paramref name="Second"/> in processing order, so it should carry at least as much information, but
/// <paramref name="Second"/> carries <paramref name="Bits"/> more.
/// </summary>
/// <param name="First">The layer that should carry more information (earlier in processing order).</param>
/// <param name="Second">The later layer.</param>
/// <param name="Bits">By how much the later layer exceeds the earlier one, in bits (&gt; the tolerance).</param>
public sealed record DpiViolation(string First, string Second, double Bits);

/// <summary>
/// Data-processing-inequality checks on the records of one measurement step. Forward: X → T₁ → T₂ → … → T_K is a
/// Markov chain, so I(X;T₁) ≥ I(X;T₂) ≥ … ≥ I(X;T_K). Backward (error chain, Yu et al., IEEE TNNLS 32(1) 2021):
/// δ_K → δ_{K−1} → … → δ₁, so I(δ_K;δ_{K−1}) ≥ I(δ_K;δ_{K−2}) ≥ … ≥ I(δ_K;δ₁).
/// </summary>
/// <remarks>
/// Every pair (a, b) with a before b in processing order is checked, not only neighbors, so each violation is
/// reported with its own size. Estimators only approximate the inequality (kernel widths differ per layer), so a small
/// tolerance is usually wise.
/// </remarks>
public static class DataProcessingCheck
{
    /// <summary>Violations of I(X;T_a) ≥ I(X;T_b) for a before b in <paramref name="layerOrder"/> (forward order, input side first).</summary>
    /// <param name="step">The records of one step (one per layer; other layers are ignored).</param>
    /// <param name="layerOrder">The layers in forward order.</param>
    /// <param name="toleranceBits">Differences up to this many bits are not violations (default 0).</param>
    /// <exception cref="ArgumentException">A layer of <paramref name="layerOrder"/> is missing or appears twice in <paramref name="step"/>.</exception>
    public static IReadOnlyList<DpiViolation> Forward(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, double toleranceBits = 0) =>
        Check(Values(step, layerOrder, r => r.InputInformation, "I(X;T)"), layerOrder, toleranceBits);

    /// <summary>
    /// Violations of the forward chain with convolutional layers seen as their feature maps, as Yu, Wickstrøm, Jenssen &amp;
    /// Príncipe (IEEE TNNLS 32(1) 2021) draw it: each layer's value is its MMI, I(X; {T¹…T^C}) (<see cref="InformationRecord.Mmi"/>),
    /// when it has one (4-D layers measured with <see cref="InformationPlaneOptions.ComputePid"/>) and its whole-tensor
    /// I(X;T) otherwise (dense layers); then I(X;T_a) ≥ I(X;T_b) for a before b in <paramref name="layerOrder"/>.
    /// </summary>
    /// <param name="step">The records of one step (one per layer; other layers are ignored).</param>
    /// <param name="layerOrder">The layers in forward order.</param>
    /// <param name="toleranceBits">Differences up to this many bits are not violations (default 0).</param>
    /// <exception cref="ArgumentException">A layer of <paramref name="layerOrder"/> is missing or appears twice in <paramref name="step"/>.</exception>
    public static IReadOnlyList<DpiViolation> ForwardMmi(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, double toleranceBits = 0) =>
        Check(Values(step, layerOrder, r => r.Mmi ?? r.InputInformation, "I(X;T)"), layerOrder, toleranceBits);

    /// <summary>
    /// Violations of the error chain: I(δ_K;δ_b) ≥ I(δ_K;δ_a) for a before b in <paramref name="layerOrder"/> (forward order,
    /// input side first; the chain runs backwards from the last layer K).
    /// </summary>
    /// <exception cref="ArgumentException">A layer is missing, appears twice, or has no error information.</exception>
    public static IReadOnlyList<DpiViolation> Backward(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, double toleranceBits = 0)
    {
        ArgumentNullException.ThrowIfNull(layerOrder);
        var values = Values(step, layerOrder, r => r.ErrorInformation, "I(δ_K;δ_k)");
        var reversed = layerOrder.Reverse().ToArray();
        return Check([.. values.Reverse()], reversed, toleranceBits);
    }

    /// <summary>
    /// Violations of the decoder-side chain of an autoencoder: the reconstruction X' is computed from every later layer,
    /// so T_a → T_b → X' gives I(T_a;X') ≤ I(T_b;X') for a before b in <paramref name="layerOrder"/> (forward order,
    /// from the bottleneck towards the output). Not for classifiers: I(T;Y) with the labels Y follows
    /// <see cref="Forward"/>'s direction instead (Y → X → T).
    /// </summary>
    /// <exception cref="ArgumentException">A layer is missing or appears twice.</exception>
    public static IReadOnlyList<DpiViolation> TowardsOutput(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, double toleranceBits = 0)
    {
        ArgumentNullException.ThrowIfNull(layerOrder);
        var values = Values(step, layerOrder, r => r.TargetInformation, "I(T;X')");
        var reversed = layerOrder.Reverse().ToArray();
        return Check([.. values.Reverse()], reversed, toleranceBits);
    }

    /// <summary>
    /// The two chains of an autoencoder (Yu &amp; Principe, Neural Networks 117, 2019, doi:10.1016/j.neunet.2019.05.003;
    /// Lee &amp; Jo, Entropy 23(7) 862, 2021, doi:10.3390/e23070862): the encoder's I(X;E₁) ≥ … ≥ I(X;Z) over the layers up
    /// to and including the bottleneck, and the decoder's I(Z;X') ≤ I(D₁;X') ≤ … over the bottleneck and the later
    /// layers. Comparing I(X;T) across the bottleneck (I(X;D₁) ≤ I(X;Z)) is also implied by the Markov chain, but
    /// kernel estimators with a width per layer do not keep it (decoder layers are wider than the code): use
    /// <see cref="Forward"/> on the whole chain for that stricter check.
    /// </summary>
    /// <param name="step">The records of one step.</param>
    /// <param name="layerOrder">All measured layers in forward order (input side first).</param>
    /// <param name="bottleneck">The bottleneck layer's name (e.g. <c>z</c>).</param>
    /// <param name="toleranceBits">Differences up to this many bits are not violations.</param>
    /// <exception cref="ArgumentException">The bottleneck is not in <paramref name="layerOrder"/>, or a layer is missing.</exception>
    public static IReadOnlyList<DpiViolation> Autoencoder(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, string bottleneck,
        double toleranceBits = 0)
    {
        ArgumentNullException.ThrowIfNull(layerOrder);
        var records = step?.ToList() ?? throw new ArgumentNullException(nameof(step));
        int z = layerOrder.ToList().IndexOf(bottleneck);
        if (z < 0)
        {
            throw new ArgumentException(
                $"bottleneck '{bottleneck}' is not among the layers {string.Join(", ", layerOrder)}; pass the autoencoder's bottleneck layer name.", nameof(bottleneck));
        }

        var encoder = layerOrder.Take(z + 1).ToArray();
        var decoder = layerOrder.Skip(z).ToArray();
        return [.. Forward(records, encoder, toleranceBits), .. TowardsOutput(records, decoder, toleranceBits)];
    }

    private static double[] Values(IEnumerable<InformationRecord> step, IReadOnlyList<string> layerOrder, Func<InformationRecord, double?> select, string what)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(layerOrder);
        var records = step.ToList();
        var values = new double[layerOrder.Count];
        for (int k = 0; k < layerOrder.Count; k++)
        {
            var matches = records.Where(r => r.Layer == layerOrder[k]).ToList();
            if (matches.Count != 1)
            {
                throw new ArgumentException(
                    $"Layer '{layerOrder[k]}' has {matches.Count} records in this step; give exactly one record per layer (the records of one step).", nameof(step));
            }

            values[k] = select(matches[0]) ?? throw new ArgumentException($"Layer '{layerOrder[k]}' has no {what} value.", nameof(step));
        }

        return values;
    }

    private static DpiViolation[] Check(double[] values, IReadOnlyList<string> order, double tolerance)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a non-negative number of bits.");
        }

        var violations = new List<DpiViolation>();
        for (int a = 0; a < values.Length; a++)
        {
            for (int b = a + 1; b < values.Length; b++)
            {
                double excess = values[b] - values[a];
                if (excess > tolerance)
                {
                    violations.Add(new DpiViolation(order[a], order[b], excess));
                }
            }
        }

        return [.. violations];
    }
}
