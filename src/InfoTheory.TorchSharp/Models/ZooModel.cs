using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// Base of the models in the zoo: a TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c> whose measured layers are named
/// child modules (listed in <see cref="LayerNames"/>, input to output), plus its training loss.
/// </summary>
/// <remarks>
/// <para>
/// Layer convention (what an information-plane monitor relies on): every layer whose activations are measured is a
/// direct child module registered under its name (<c>enc1, enc2, …, z, dec1, dec2, …, out</c> for autoencoders;
/// <c>conv1, conv2, fc1, fc2, out</c> for <see cref="LeNet5"/>), and it ends with its activation, so a forward hook
/// registered on <see cref="Layer(string)"/> receives the post-activation output of that layer. The models call
/// their layers through <c>call</c>, so hooks fire in <c>forward</c>, <c>Encode</c>, <c>Decode</c> and <c>Loss</c>.
/// </para>
/// <para>Every model takes a seed; its random initialisation depends only on that seed (torch's global generator is
/// seeded during construction and restored afterwards).</para>
/// </remarks>
public abstract class ZooModel : nn.Module<Tensor, Tensor>
{
    private readonly List<string> _layerNames = new();

    /// <summary>Creates the module.</summary>
    /// <param name="name">The module name.</param>
    protected ZooModel(string name)
        : base(name)
    {
    }

    /// <summary>The names of the measured layers (child modules), from input to output.</summary>
    public IReadOnlyList<string> LayerNames => _layerNames;

    /// <summary>The input layout the model expects (flat rows or 1-channel images).</summary>
    public abstract InputLayout InputLayout { get; }

    /// <summary>Whether <see cref="Loss(Tensor, Tensor?)"/> needs the labels.</summary>
    public virtual bool NeedsLabels => false;

    /// <summary>The measured layer called <paramref name="name"/> (a direct child module; hook it to see its post-activation output).</summary>
    /// <param name="name">One of <see cref="LayerNames"/>.</param>
    /// <returns>The child module.</returns>
    /// <exception cref="ArgumentException">No such layer.</exception>
    public nn.Module<Tensor, Tensor> Layer(string name)
    {
        foreach (var (n, m) in named_children())
        {
            if (n == name && m is nn.Module<Tensor, Tensor> layer)
            {
                return layer;
            }
        }

        throw new ArgumentException($"{GetName()} has no layer '{name}'; its layers are {string.Join(", ", LayerNames)}.", nameof(name));
    }

    /// <summary>
    /// Runs a forward pass on <paramref name="input"/> and returns the training loss with its parts.
    /// </summary>
    /// <param name="input">A batch in the model's <see cref="InputLayout"/>.</param>
    /// <param name="labels">Int64 class labels (N), needed when <see cref="NeedsLabels"/>; ignored otherwise.</param>
    /// <returns>The total loss, the output and the parts.</returns>
    public abstract LossOutput Loss(Tensor input, Tensor? labels = null);

    /// <summary>Registers a measured layer as a named child module and appends its name to <see cref="LayerNames"/>.</summary>
    /// <typeparam name="T">The module type.</typeparam>
    /// <param name="name">The layer name.</param>
    /// <param name="layer">The layer.</param>
    /// <returns><paramref name="layer"/>.</returns>
    protected T AddLayer<T>(string name, T layer)
        where T : nn.Module<Tensor, Tensor>
    {
        register_module(name, layer);
        _layerNames.Add(name);
        return layer;
    }

    /// <summary>Runs <paramref name="input"/> through <paramref name="layers"/> in order (each via <c>call</c>, so hooks fire).</summary>
    /// <param name="layers">The layers.</param>
    /// <param name="input">The input.</param>
    /// <returns>The output of the last layer.</returns>
    protected static Tensor Chain(IEnumerable<nn.Module<Tensor, Tensor>> layers, Tensor input)
    {
        var h = input;
        foreach (var layer in layers)
        {
            h = layer.call(h);
        }

        return h;
    }

    /// <summary>Throws when labels are missing for a model that needs them.</summary>
    /// <param name="labels">The labels.</param>
    /// <param name="input">The input batch (for the size check).</param>
    /// <returns>The labels.</returns>
    protected Tensor RequireLabels(Tensor? labels, Tensor input)
    {
        if (labels is null)
        {
            throw new ArgumentNullException(nameof(labels), $"{GetName()}.Loss needs the int64 class labels of the batch.");
        }

        if (labels.shape.Length != 1 || labels.shape[0] != input.shape[0])
        {
            throw new ArgumentException($"Labels must have shape [{input.shape[0]}] (one per input row), not [{string.Join(", ", labels.shape)}].", nameof(labels));
        }

        return labels;
    }
}
