using System.Globalization;
using System.Text;
using InfoTheory.Internal;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// One captured tensor of a layer: its name, its shape and its values copied into managed memory as
/// <see cref="double"/> in row-major order (first dimension = observations).
/// </summary>
/// <param name="Layer">The layer's name as in <c>named_modules()</c>.</param>
/// <param name="Shape">The tensor's shape; <c>Shape[0]</c> is the number of observations N.</param>
/// <param name="Values">The values, row-major, N·(product of the other sizes) of them.</param>
public sealed record CapturedTensor(string Layer, IReadOnlyList<long> Shape, double[] Values)
{
    /// <summary>The tensor's shape; <c>Shape[0]</c> is the number of observations N.</summary>
    public IReadOnlyList<long> Shape { get => _shape; init => _shape = ValueList<long>.Require(value, nameof(Shape)); }

    private readonly IReadOnlyList<long> _shape = ValueList<long>.Require(Shape, nameof(Shape));

#pragma warning disable IDE0051 // Replaces the record's synthesized PrintMembers, which its ToString calls (IDE0051 does not see that use).
    /// <summary>Prints the name, the shape and the number of values (not the values themselves).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Layer = {Layer}, Shape = {Shape}, Values = double[{Values.Length}]");
        return true;
    }
#pragma warning restore IDE0051

    /// <summary>The number of observations N (the first dimension).</summary>
    public int Count => (int)Shape[0];

    /// <summary>Values per observation (the product of all but the first dimension; 1 for a 1-D tensor).</summary>
    public int Dimensions => Count == 0 ? 0 : Values.Length / Count;

    /// <summary>True for an N × C × H × W tensor (a convolutional layer).</summary>
    public bool IsFeatureMaps => Shape.Count == 4;

    /// <summary>The tensor as N observations of dimension <see cref="Dimensions"/> (a view, no copy).</summary>
    public Samples AsSamples() => new(Values, Dimensions);

    /// <summary>The tensor as N × C × H × W feature maps (a view, no copy).</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 4-D.</exception>
    public FeatureMaps AsFeatureMaps()
    {
        if (!IsFeatureMaps)
        {
            throw new InvalidOperationException(
                $"Layer '{Layer}' has shape [{string.Join(", ", Shape)}]; feature maps need an N×C×H×W tensor.");
        }

        return new FeatureMaps(Values, Count, (int)Shape[1], (int)Shape[2], (int)Shape[3]);
    }

    /// <summary>Copies a tensor (any device, any floating or integer type) into a <see cref="CapturedTensor"/>.</summary>
    internal static CapturedTensor From(string layer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var shape = tensor.shape;
        if (shape.Length == 0)
        {
            throw new ArgumentException($"Layer '{layer}' produced a scalar; a layer output needs a batch dimension.", nameof(tensor));
        }

        return new CapturedTensor(layer, shape, values);
    }
}

/// <summary>
/// Forward hooks on named layers of a TorchSharp model that copy each layer's output (detached, on the CPU, as
/// float64) into managed memory, and optionally keep the live outputs so that the gradient of a loss with respect to
/// each layer's output (the error signal δ) can be taken. Disposing removes every hook.
/// </summary>
/// <remarks>
/// <para>Layers are named as in <c>named_modules()</c> ("enc1", "0.1", …); with no names, every leaf module (one
/// without children) is hooked. Each must be a <c>Module&lt;Tensor, Tensor&gt;</c>.</para>
/// <para>TorchSharp runs hooks only when a module is invoked with <c>call(x)</c> (as <c>Sequential</c> does for its
/// children); a custom model whose <c>forward</c> calls <c>child.forward(x)</c> bypasses them and nothing is captured.</para>
/// <para>A layer that runs more than once per forward pass keeps its last output; <see cref="CallCount"/> counts every run.
/// The error signals use <c>torch.autograd.grad</c>, which does not touch the parameters' <c>.grad</c>. With
/// <c>keepGraph</c> the hooks hand the next module an alias of each captured output (same values, differentiable) and keep
/// the original, because containers such as <c>Sequential</c> dispose intermediate results.</para>
/// </remarks>
public sealed class LayerCapture : IDisposable
{
    private readonly string[] _layers;
    private readonly int[] _calls;
    private readonly CapturedTensor?[] _outputs;
    private readonly CapturedTensor?[] _inputs;
    private readonly Tensor?[] _live;
    private readonly List<Action> _removers = [];
    private readonly bool _keepGraph;
    private readonly bool _captureInputs;

    /// <summary>Attaches forward hooks to the given layers of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="layers">Names as in <c>named_modules()</c>; null or empty for all leaf modules.</param>
    /// <param name="keepGraph">Keep the live (non-detached) outputs so that <see cref="Gradients"/> can differentiate a loss
    /// with respect to them. The forward pass must then run with gradients enabled.</param>
    /// <exception cref="ArgumentException">A name is unknown, repeated, or names a module that is not a <c>Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public LayerCapture(nn.Module model, IReadOnlyList<string>? layers = null, bool keepGraph = false)
        : this(model, layers, keepGraph, captureInputs: false)
    {
    }

    /// <summary>As the public constructor; with <paramref name="captureInputs"/> each layer's input is copied too (see <see cref="Inputs"/>).</summary>
    internal LayerCapture(nn.Module model, IReadOnlyList<string>? layers, bool keepGraph, bool captureInputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        var resolved = Resolve(model, layers);
        _layers = [.. resolved.Select(r => r.Name)];
        _calls = new int[_layers.Length];
        _outputs = new CapturedTensor?[_layers.Length];
        _inputs = new CapturedTensor?[_layers.Length];
        _live = new Tensor?[_layers.Length];
        _keepGraph = keepGraph;
        _captureInputs = captureInputs;
        try
        {
            for (int k = 0; k < resolved.Count; k++)
            {
                int index = k;
                var handle = resolved[k].Module.register_forward_hook((_, input, output) => OnOutput(index, input, output));
                _removers.Add(handle.remove);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The hooked layers, in the model's registration order (or the order given).</summary>
    public IReadOnlyList<string> Layers => _layers;

    /// <summary>True once <see cref="Dispose"/> has removed the hooks.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>How many times the hook of <paramref name="layer"/> has fired.</summary>
    /// <exception cref="ArgumentException">The layer is not hooked.</exception>
    public int CallCount(string layer) => _calls[IndexOf(layer)];

    /// <summary>The last captured output of every layer, in <see cref="Layers"/> order.</summary>
    /// <exception cref="InvalidOperationException">A layer has not fired (its module was bypassed or never run).</exception>
    public IReadOnlyList<CapturedTensor> Outputs() =>
        [.. _layers.Select((name, k) => _outputs[k] ?? throw NotFired(name))];

    /// <summary>The last captured input of every layer, in <see cref="Layers"/> order (made with input capture on).</summary>
    /// <exception cref="InvalidOperationException">Inputs were not captured, or a layer has not fired.</exception>
    internal IReadOnlyList<CapturedTensor> Inputs() => _captureInputs
        ? [.. _layers.Select((name, k) => _inputs[k] ?? throw NotFired(name))]
        : throw new InvalidOperationException("This capture does not copy layer inputs.");

    /// <summary>The last captured output of <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">The layer is not hooked.</exception>
    /// <exception cref="InvalidOperationException">The layer has not fired.</exception>
    public CapturedTensor Output(string layer)
    {
        int k = IndexOf(layer);
        return _outputs[k] ?? throw NotFired(layer);
    }

    /// <summary>
    /// The gradient of the scalar <paramref name="loss"/> with respect to each layer's last output (the error signals
    /// δ_k), in <see cref="Layers"/> order. Uses <c>torch.autograd.grad</c>: the parameters' <c>.grad</c> stay as they were.
    /// </summary>
    /// <exception cref="InvalidOperationException">The capture was made without <c>keepGraph</c>, or a layer has not fired.</exception>
    public IReadOnlyList<CapturedTensor> Gradients(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (!_keepGraph)
        {
            throw new InvalidOperationException("Gradients need the live outputs: create the LayerCapture with keepGraph: true and run the forward pass with gradients enabled.");
        }

        var inputs = _layers.Select((name, k) => _live[k] ?? throw NotFired(name)).ToArray();
        using var scope = NewDisposeScope();
        var grads = autograd.grad([loss], inputs, retain_graph: false);
        return [.. grads.Select((g, k) => CapturedTensor.From(_layers[k], g))];
    }

    /// <summary>The names <see cref="LayerCapture"/> would hook for <paramref name="layers"/> (null: every leaf module).</summary>
    /// <exception cref="ArgumentException">A name is unknown, repeated, or not a <c>Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public static IReadOnlyList<string> ResolveLayers(nn.Module model, IReadOnlyList<string>? layers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. Resolve(model, layers).Select(r => r.Name)];
    }

    /// <summary>Removes every hook (idempotent). Captured values stay readable.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        foreach (var remove in _removers)
        {
            remove();
        }

        _removers.Clear();
        Array.Clear(_live);
        IsDisposed = true;
    }

    private Tensor OnOutput(int index, Tensor input, Tensor output)
    {
        _calls[index]++;
        if (_captureInputs)
        {
            _inputs[index] = CapturedTensor.From(_layers[index], input);
        }

        _outputs[index] = CapturedTensor.From(_layers[index], output);
        if (!_keepGraph)
        {
            return output;
        }

        // Containers such as Sequential dispose intermediate results after use, which would free our handle to the
        // layer output. The model continues with an alias (a differentiable view of the same values) and we keep the
        // original, so the loss still depends on it through the alias and the gradient with respect to it exists.
        _live[index] = output;
        return output.alias();
    }

    private int IndexOf(string layer)
    {
        int k = Array.IndexOf(_layers, layer);
        if (k < 0)
        {
            throw new ArgumentException($"Layer '{layer}' is not hooked; hooked layers: {string.Join(", ", _layers)}.", nameof(layer));
        }

        return k;
    }

    private static InvalidOperationException NotFired(string layer) =>
        new($"Layer '{layer}' produced no output: run a forward pass with model.call(x) (hooks do not fire when a parent calls child.forward(x) directly).");

    private static List<(string Name, nn.Module<Tensor, Tensor> Module)> Resolve(nn.Module model, IReadOnlyList<string>? layers)
    {
        var all = model.named_modules().Where(m => m.name.Length > 0 && !ReferenceEquals(m.module, model)).ToList();
        var result = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (layers is null || layers.Count == 0)
        {
            foreach (var (name, module) in all)
            {
                if (!module.children().Any() && module is nn.Module<Tensor, Tensor> typed)
                {
                    result.Add((name, typed));
                }
            }

            if (result.Count == 0)
            {
                throw new ArgumentException("The model has no leaf modules of type Module<Tensor, Tensor> to hook; name the layers to measure.", nameof(model));
            }

            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in layers)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Layer '{name}' is named twice.", nameof(layers));
            }

            var found = all.FirstOrDefault(m => m.name == name);
            if (found.module is null)
            {
                throw new ArgumentException(
                    $"The model has no module named '{name}'; its modules are: {string.Join(", ", all.Select(m => m.name))}.", nameof(layers));
            }

            if (found.module is not nn.Module<Tensor, Tensor> typed)
            {
                throw new ArgumentException(
                    $"Module '{name}' is a {found.module.GetType().Name}, not a Module<Tensor, Tensor>; only single-tensor layers can be hooked.", nameof(layers));
            }

            result.Add((name, typed));
        }

        return result;
    }
}
