using System.Reflection;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>Tiny models for the monitor tests (not the zoo): named blocks, each a Sequential ending in its activation.</summary>
internal static class TestModels
{
    public static readonly string[] DenseLayers = ["enc1", "z", "dec1", "out"];

    /// <summary>8 → 6 → 3 → 6 → 8, sigmoid everywhere (an autoencoder).</summary>
    public static nn.Module<Tensor, Tensor> DenseAutoencoder(int seed = 1)
    {
        manual_seed(seed);
        return nn.Sequential(
            ("enc1", nn.Sequential(nn.Linear(8, 6), nn.Sigmoid())),
            ("z", nn.Sequential(nn.Linear(6, 3), nn.Sigmoid())),
            ("dec1", nn.Sequential(nn.Linear(3, 6), nn.Sigmoid())),
            ("out", nn.Sequential(nn.Linear(6, 8), nn.Sigmoid())));
    }

    public static readonly string[] ConvLayers = ["conv1", "conv2", "out"];

    /// <summary>1×8×8 → conv 3 maps 8×8 → conv 4 maps 4×4 → flatten → 10 logits.</summary>
    public static nn.Module<Tensor, Tensor> ConvClassifier(int seed = 2)
    {
        manual_seed(seed);
        return nn.Sequential(
            ("conv1", nn.Sequential(nn.Conv2d(1, 3, 3, padding: 1), nn.Sigmoid())),
            ("conv2", nn.Sequential(nn.Conv2d(3, 4, 3, stride: 2, padding: 1), nn.Sigmoid())),
            ("flat", nn.Flatten()),
            ("out", nn.Sequential(nn.Linear(64, 10))));
    }

    /// <summary>Runs the Sequential's children one by one and returns every child's output by name.</summary>
    public static Dictionary<string, Tensor> RunChildren(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, child) in model.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)child).call(x);
            result[name] = x;
        }

        return result;
    }

    /// <summary>Row-major double copy of a tensor.</summary>
    public static double[] Values(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>A tensor as N rows of (product of the other sizes) values.</summary>
    public static Samples AsSamples(Tensor t)
    {
        var v = Values(t);
        return new Samples(v, v.Length / (int)t.shape[0]);
    }

    /// <summary>The number of typed forward hooks attached to a module (read from TorchSharp's protected dictionary).</summary>
    public static int ForwardHookCount(nn.Module module)
    {
        for (var type = module.GetType(); type is not null; type = type.BaseType)
        {
            var field = type.GetField("post_hooks", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            if (field?.GetValue(module) is System.Collections.ICollection hooks)
            {
                return hooks.Count;
            }
        }

        throw new InvalidOperationException($"No post_hooks field on {module.GetType().Name}.");
    }

    /// <summary>Hooks on every module of the model.</summary>
    public static int TotalForwardHooks(nn.Module model) =>
        model.named_modules().Sum(m => m.module is nn.Module<Tensor, Tensor> ? ForwardHookCount(m.module) : 0) + ForwardHookCount(model);

    /// <summary>A flat copy of every parameter.</summary>
    public static double[] Parameters(nn.Module model) => [.. model.parameters().SelectMany(Values)];
}
