using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.Benchmarks;

// Peer reference: libtorch's symmetric eigenvalue solver (LAPACK syevd via MKL/OpenBLAS) on the matrices our solver gets.
// dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*LibTorch*' --job short
// On Debian 12 this needs eng/TorchSharpNativeFix.targets (UsesTorchSharp in the csproj).

/// <summary>torch.linalg.eigvalsh of one normalised Gaussian Gram matrix (float64, torch's default thread count).</summary>
[MemoryDiagnoser]
public class LibTorchPeerBenchmarks
{
    private Tensor? _a;

    [Params(128, 512, 2048, 4096)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = torch.tensor(GramFixtures.GaussianGram(N, 10, seed: 42), new long[] { N, N }, dtype: ScalarType.Float64);
        Console.WriteLine($"// torch.get_num_threads() = {torch.get_num_threads()}, Environment.ProcessorCount = {Environment.ProcessorCount}");
    }

    [GlobalCleanup]
    public void Cleanup() => _a?.Dispose();

    [Benchmark]
    public double Eigvalsh()
    {
        using var scope = torch.NewDisposeScope();
        Tensor eigenvalues = torch.linalg.eigvalsh(_a!);
        return eigenvalues[N - 1].item<double>();
    }
}

/// <summary>Batched torch.linalg.eigvalsh of 272 Gram matrices of size 128×128 ([272,128,128], float64).</summary>
[MemoryDiagnoser]
public class LibTorchBatchPeerBenchmarks
{
    private const int Batch = 272;
    private const int Size = 128;
    private Tensor? _batch;

    [GlobalSetup]
    public void Setup()
    {
        var values = new double[Batch * Size * Size];
        for (int b = 0; b < Batch; b++)
        {
            GramFixtures.GaussianGram(Size, 10, seed: 1000 + b).CopyTo(values, b * Size * Size);
        }

        _batch = torch.tensor(values, new long[] { Batch, Size, Size }, dtype: ScalarType.Float64);
        Console.WriteLine($"// torch.get_num_threads() = {torch.get_num_threads()}, Environment.ProcessorCount = {Environment.ProcessorCount}");
    }

    [GlobalCleanup]
    public void Cleanup() => _batch?.Dispose();

    [Benchmark]
    public double EigvalshBatch272x128()
    {
        using var scope = torch.NewDisposeScope();
        Tensor eigenvalues = torch.linalg.eigvalsh(_batch!);
        return eigenvalues[Batch - 1, Size - 1].item<double>();
    }
}
