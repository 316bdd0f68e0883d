using InfoTheory.Internal;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// An autoencoder of the zoo: an encoder to a bottleneck code and a decoder back to the input space, with named
/// measured layers (see <see cref="ZooModel"/> for the layer convention).
/// </summary>
/// <remarks>
/// <c>forward(x)</c> returns the reconstruction <c>Decode(Encode(x))</c>, with the input's shape.
/// <see cref="Loss(Tensor, Tensor?)"/> runs that forward pass and returns the model's full training loss
/// (reconstruction term plus any regulariser: sparsity, KL, label cross-entropy) with its parts;
/// <see cref="ReconstructionLoss"/> is the reconstruction term alone.
/// </remarks>
public interface IAutoencoder
{
    /// <summary>The names of the measured layers, encoder to decoder (<c>enc1, …, z, dec1, …, out</c>).</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The name of the bottleneck layer (<c>"z"</c>).</summary>
    string BottleneckName { get; }

    /// <summary>How the reconstruction is scored.</summary>
    ReconstructionLossKind ReconstructionLossKind { get; }

    /// <summary>Encodes a batch to the bottleneck code (the output of layer <see cref="BottleneckName"/>).</summary>
    /// <param name="input">A batch in the model's input layout.</param>
    /// <returns>The code.</returns>
    Tensor Encode(Tensor input);

    /// <summary>Decodes a bottleneck code to a reconstruction with the input's shape.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The reconstruction.</returns>
    Tensor Decode(Tensor code);

    /// <summary>The reconstruction term of the loss (see <see cref="ReconstructionLossKind"/>).</summary>
    /// <param name="input">The input batch x.</param>
    /// <param name="reconstruction">The reconstruction x̂.</param>
    /// <returns>A scalar.</returns>
    Tensor ReconstructionLoss(Tensor input, Tensor reconstruction);

    /// <summary>Runs the forward pass and returns the full training loss with its parts.</summary>
    /// <param name="input">A batch in the model's input layout.</param>
    /// <param name="labels">Class labels, for models that need them (<see cref="LabelAutoencoder"/>).</param>
    /// <returns>The loss.</returns>
    LossOutput Loss(Tensor input, Tensor? labels = null);
}

/// <summary>
/// Base of the zoo's autoencoders: <c>forward(x) = Decode(Encode(x))</c>; the default loss is the reconstruction
/// term alone (<see cref="ReconstructionLossKind"/>), reported as part <c>"reconstruction"</c>.
/// </summary>
public abstract class AutoencoderBase : ZooModel, IAutoencoder
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="lossKind">How the reconstruction is scored.</param>
    protected AutoencoderBase(string name, ReconstructionLossKind lossKind)
        : base(name)
    {
        ReconstructionLossKind = EnumGuard.Defined(lossKind);
    }

    /// <inheritdoc />
    public string BottleneckName => "z";

    /// <inheritdoc />
    public ReconstructionLossKind ReconstructionLossKind { get; }

    /// <inheritdoc />
    public abstract Tensor Encode(Tensor input);

    /// <inheritdoc />
    public abstract Tensor Decode(Tensor code);

    /// <summary>The reconstruction of <paramref name="input"/>: <c>Decode(Encode(input))</c>.</summary>
    /// <param name="input">A batch in the model's input layout.</param>
    /// <returns>The reconstruction, same shape as the input.</returns>
    public override Tensor forward(Tensor input) => Decode(Encode(input));

    /// <inheritdoc />
    public virtual Tensor ReconstructionLoss(Tensor input, Tensor reconstruction) =>
        Layers.Reconstruction(ReconstructionLossKind, input, reconstruction);

    /// <inheritdoc />
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var reconstruction = forward(input);
        var rec = ReconstructionLoss(input, reconstruction);
        return new LossOutput(rec, reconstruction, new Dictionary<string, Tensor> { ["reconstruction"] = rec });
    }
}
