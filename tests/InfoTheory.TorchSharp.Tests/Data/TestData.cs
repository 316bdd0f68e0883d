using TorchSharp;

namespace InfoTheory.TorchSharp.Tests.Data;

/// <summary>Shared test data: the embedded MNIST subset, loaded once; torch limited to one intra-op thread.</summary>
internal static class TestData
{
    private static readonly Lazy<ImageDataset> LazyMnist = new(MnistData.LoadEmbedded);

    static TestData()
    {
        torch.set_num_threads(1);
    }

    public static ImageDataset Mnist => LazyMnist.Value;

    public static ImageDataset First(int count) => Mnist.Slice(0, count);

    /// <summary>Call from test-class constructors so that the thread limit is in place before torch runs.</summary>
    public static void Init()
    {
    }
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
