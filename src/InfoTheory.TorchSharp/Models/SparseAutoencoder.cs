using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A sparse autoencoder: the deep autoencoder (784 → 256 → 128 → 50 → 128 → 256 → 784, sigmoid; layers
/// <c>enc1, enc2, z, dec1, dec2, out</c>) trained with a KL sparsity penalty on the bottleneck, as studied by
/// Lee &amp; Jo, Entropy 23(7), 862 (2021), doi:10.3390/e23070862 (penalty after Ng's sparse-autoencoder notes).
/// </summary>
/// <remarks>
/// Loss = reconstruction + β · Σ_j KL(ρ ‖ ρ̂_j), where ρ̂_j is the mean activation of bottleneck unit j over the batch
/// and KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂)). Parts: <c>"reconstruction"</c> and
/// <c>"sparsity"</c> (the unweighted Σ KL). Defaults ρ = 0.05 and β = 0.01 (the reconstruction term is a mean over
/// pixels, so β is about Ng's β = 3 divided by the 392 = 784/2 of a per-image half sum of squares). The bottleneck
/// activation must lie in (0, 1) (sigmoid). The authors' code (IPRL, <c>MNIST/SAE.py</c>) builds a shallow sparse
/// autoencoder, 784 → 50 → 784, with ρ = 0.05 and β = 0.001: <c>new SparseAutoencoder(beta: 0.001, hiddenSizes: [50])</c>.
/// </remarks>
public sealed class SparseAutoencoder : DenseAutoencoder
{
    /// <summary>Creates the sparse autoencoder.</summary>
    /// <param name="rho">Target mean activation ρ of each bottleneck unit, in (0, 1).</param>
    /// <param name="beta">Weight β of the sparsity penalty (≥ 0).</param>
    /// <param name="hiddenSizes">Encoder widths, bottleneck last (default 256, 128, 50).</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="lossKind">Reconstruction loss (MSE by default).</param>
    /// <param name="seed">Initialisation seed.</param>
    public SparseAutoencoder(
        double rho = 0.05,
        double beta = 0.01,
        IReadOnlyList<int>? hiddenSizes = null,
        int inputSize = 784,
        ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError,
        int seed = 0)
        : base(nameof(SparseAutoencoder), inputSize, hiddenSizes ?? DeepAutoencoder.DefaultHiddenSizes, Activation.Sigmoid, Activation.Sigmoid, lossKind, seed)
    {
        if (!(rho > 0 && rho < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ must lie in (0, 1).");
        }

        if (!(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0.");
        }

        Rho = rho;
        Beta = beta;
    }

    /// <summary>The target mean activation ρ.</summary>
    public double Rho { get; }

    /// <summary>The penalty weight β.</summary>
    public double Beta { get; }

    /// <summary>
    /// Σ_j KL(ρ ‖ ρ̂_j) = Σ_j [ρ log(ρ/ρ̂_j) + (1 − ρ) log((1 − ρ)/(1 − ρ̂_j))]; ρ̂ is clamped to [1e−6, 1 − 1e−6].
    /// Zero exactly when every ρ̂_j = ρ.
    /// </summary>
    /// <param name="meanActivation">ρ̂, the mean activation of each unit (shape H, or N × H to average over N first).</param>
    /// <param name="rho">The target ρ in (0, 1).</param>
    /// <returns>A scalar.</returns>
    public static Tensor SparsityPenalty(Tensor meanActivation, double rho)
    {
        ArgumentNullException.ThrowIfNull(meanActivation);
        // Every Scalar is created and disposed here: TorchSharp 0.107 lets an implicitly converted one be finalised while
        // libtorch still reads it (dotnet/TorchSharp#1434), which stopped SAE training here twice (2026-12-05).
        using var lower = 1e-6.ToScalar();
        using var upper = (1 - 1e-6).ToScalar();
        using var one = 1.0.ToScalar();
        using var p = rho.ToScalar();
        using var q = (1 - rho).ToScalar();
        using var scope = torch.NewDisposeScope();
        var rhoHat = meanActivation.dim() > 1 ? meanActivation.mean(new long[] { 0 }) : meanActivation;
        rhoHat = rhoHat.clamp(lower, upper);
        // ρ log(ρ · ρ̂⁻¹) + (1 − ρ) log((1 − ρ) · (1 − ρ̂)⁻¹): the ratio first, so that ρ̂ = ρ gives 0 to rounding.
        var active = rhoHat.reciprocal().mul(p).log().mul(p);
        var inactive = rhoHat.neg().add(one, one).reciprocal().mul(q).log().mul(q);
        return active.add(inactive, one).sum().MoveToOuterDisposeScope();
    }

    /// <summary>Loss = reconstruction + β · Σ_j KL(ρ ‖ ρ̂_j) over the bottleneck units (parts <c>"reconstruction"</c>, <c>"sparsity"</c>).</summary>
    /// <param name="input">N × 784 batch.</param>
    /// <param name="labels">Ignored.</param>
    /// <returns>The loss.</returns>
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var code = Encode(input);
        var reconstruction = Decode(code);
        var rec = ReconstructionLoss(input, reconstruction);
        var sparsity = SparsityPenalty(code, Rho);
        using var beta = Beta.ToScalar(); // held for the call: see SparsityPenalty
        var total = rec.add(sparsity, beta);
        return new LossOutput(total, reconstruction, new Dictionary<string, Tensor> { ["reconstruction"] = rec, ["sparsity"] = sparsity });
    }
}
