using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The result of <see cref="ZooModel.Loss(Tensor, Tensor?)"/>: the scalar <see cref="Total"/> to back-propagate,
/// the model <see cref="Output"/> of the same forward pass (reconstruction or logits), and the named
/// <see cref="Parts"/> whose (weighted) sum is the total (e.g. <c>"reconstruction"</c>, <c>"kl"</c>,
/// <c>"sparsity"</c>, <c>"label"</c>, <c>"cross_entropy"</c>).
/// </summary>
/// <remarks>Disposing it disposes all its tensors; inside a <c>torch.NewDisposeScope()</c> that is not needed.</remarks>
public sealed class LossOutput : IDisposable
{
    /// <summary>Creates the result.</summary>
    /// <param name="total">The scalar loss.</param>
    /// <param name="output">The model output of the forward pass.</param>
    /// <param name="parts">The named parts of the loss (scalars, unweighted; the model's docs give the weights).</param>
    public LossOutput(Tensor total, Tensor output, IReadOnlyDictionary<string, Tensor> parts)
    {
        Total = total ?? throw new ArgumentNullException(nameof(total));
        Output = output ?? throw new ArgumentNullException(nameof(output));
        Parts = parts ?? throw new ArgumentNullException(nameof(parts));
    }

    /// <summary>The scalar loss to minimise.</summary>
    public Tensor Total { get; }

    /// <summary>The model output of the same forward pass (the reconstruction of an autoencoder, the logits of a classifier).</summary>
    public Tensor Output { get; }

    /// <summary>The named scalar parts of the loss, unweighted.</summary>
    public IReadOnlyDictionary<string, Tensor> Parts { get; }

    /// <summary>The parts as numbers (copies the scalars to the CPU).</summary>
    /// <returns>Name → value.</returns>
    public IReadOnlyDictionary<string, double> PartValues() =>
        Parts.ToDictionary(p => p.Key, p => p.Value.ToDouble());

    /// <summary>Disposes all tensors held (each once).</summary>
    public void Dispose()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var t in Parts.Values.Append(Total).Append(Output))
        {
            if (seen.Add(t))
            {
                t.Dispose();
            }
        }
    }
}
