using System.Runtime.CompilerServices;
using TorchSharp;

namespace InfoTheory.TorchSharp.Tests.Data;

/// <summary>Shared test data: the embedded MNIST subset, loaded once.</summary>
internal static class TestData
{
    private static readonly Lazy<ImageDataset> LazyMnist = new(MnistData.LoadEmbedded);

    /// <summary>
    /// Runs before any test of this assembly: one torch intra-op thread for the whole run. Several libtorch kernels
    /// (convolution and matrix-product reductions) split their sums by thread count, so a seeded training run gives
    /// the same bits only at the same count; setting it once here, rather than in the test classes that happen to
    /// touch this class first, keeps it from depending on which test runs first. oneDNN is off on every machine: its
    /// convolutions return NaN intermittently on some CPUs (<see cref="TorchRuntime"/>), and a test must give the same
    /// answer on every run; NNPACK too (it cannot initialise on those CPUs), so convolutions take libtorch's own kernel.
    /// </summary>
#pragma warning disable CA2255 // A module initializer in a test assembly is the point: it runs before every test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseOneTorchThread()
    {
        torch.set_num_threads(1);
        TorchRuntime.OneDnnEnabled = false;
        TorchRuntime.NnpackEnabled = false;
    }

    public static ImageDataset Mnist => LazyMnist.Value;

    public static ImageDataset First(int count) => Mnist.Slice(0, count);
}

/// <summary>Tensor comparison helpers.</summary>
internal static class TensorAssert
{
    /// <summary>Same shape and exactly equal elements.</summary>
    public static bool SameValues(this torch.Tensor a, torch.Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }
}
