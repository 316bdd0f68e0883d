namespace InfoTheory.TorchSharp.Tests.Models;

/// <summary>The zoo models under test, by name, with the expected per-sample shape of each measured layer.</summary>
internal static class ZooFactory
{
    private static readonly long[] Dense784 = { 784 };

    public static TheoryData<string> Names => new()
    {
        "Autoencoder", "DeepAutoencoder", "SparseAutoencoder", "TiedAutoencoder", "VariationalAutoencoder",
        "LabelAutoencoder", "Cae1", "Cae2", "InvertibleAutoencoder", "LeNet5",
    };

    public static ZooModel Create(string name, int seed = 1) => name switch
    {
        "Autoencoder" => new Autoencoder(50, seed: seed),
        "DeepAutoencoder" => new DeepAutoencoder(seed: seed),
        "SparseAutoencoder" => new SparseAutoencoder(seed: seed),
        "TiedAutoencoder" => new TiedAutoencoder(seed: seed),
        "VariationalAutoencoder" => new VariationalAutoencoder(seed: seed),
        "LabelAutoencoder" => new LabelAutoencoder(seed: seed),
        "Cae1" => ConvolutionalAutoencoder.Cae1(seed),
        "Cae2" => ConvolutionalAutoencoder.Cae2(seed),
        "InvertibleAutoencoder" => new InvertibleAutoencoder(codeSize: 64, seed: seed),
        "LeNet5" => new LeNet5(seed: seed),
        _ => throw new ArgumentException(name),
    };

    public static (string Layer, long[] Shape)[] ExpectedLayers(string name)
    {
        (string, long[]) D(string n, long w) => (n, new[] { w });
        (string, long[]) C(string n, long c, long s) => (n, new[] { c, s, s });
        return name switch
        {
            "Autoencoder" => new[] { D("z", 50), ("out", Dense784) },
            "DeepAutoencoder" or "SparseAutoencoder" or "TiedAutoencoder" =>
                new[] { D("enc1", 256), D("enc2", 128), D("z", 50), D("dec1", 128), D("dec2", 256), ("out", Dense784) },
            "LabelAutoencoder" =>
                new[] { D("enc1", 256), D("enc2", 128), D("z", 10), D("dec1", 128), D("dec2", 256), ("out", Dense784) },
            "VariationalAutoencoder" => new[] { D("enc1", 400), D("z", 20), D("dec1", 400), ("out", Dense784) },
            "Cae1" => new[] { C("enc1", 16, 28), C("enc2", 32, 14), C("enc3", 64, 7), C("z", 8, 7), C("dec1", 64, 7), C("dec2", 32, 14), C("dec3", 16, 28), C("out", 1, 28) },
            "Cae2" => new[] { C("enc1", 64, 28), C("enc2", 32, 14), C("enc3", 16, 7), C("z", 8, 7), C("dec1", 16, 7), C("dec2", 32, 14), C("dec3", 64, 28), C("out", 1, 28) },
            "InvertibleAutoencoder" => new[] { "enc1", "enc2", "enc3", "enc4", "z", "dec1", "dec2", "dec3", "out" }.Select(n => (n, Dense784)).ToArray(),
            "LeNet5" => new[] { C("conv1", 6, 14), C("conv2", 16, 5), D("fc1", 120), D("fc2", 84), D("out", 10) },
            _ => throw new ArgumentException(name),
        };
    }
}
