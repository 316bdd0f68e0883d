using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using InfoTheory.Compute;

namespace InfoTheory.Benchmarks;

/// <summary>
/// The exact path's spectrum stage by stage on the unit-diagonal Gram of <see cref="ApproximateRenyiFixtures"/>: dense →
/// band (stage 1), band → tridiagonal (stage 2, pipelined and on one thread), tridiagonal QL. Each is timed on its own input, prepared outside the
/// measured region; three runs each (a 10,000 stage 1 takes about 20 s).
/// Run: <c>dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*EigenStageBenchmarks*'</c>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class EigenStageBenchmarks
{
    private double[] _gram = [];
    private double[] _band = [];
    private double[] _d = [];
    private double[] _e = [];
    private double[] _work = [];
    private double[] _dw = [];
    private double[] _ew = [];
    private int _n;

    /// <summary>The input and N.</summary>
    [Params("layer/4096", "layer/10000")]
    public string Input { get; set; } = "layer/4096";

    private static int Threads => Math.Clamp(Environment.ProcessorCount, 1, 8);

    [GlobalSetup]
    public void Setup()
    {
        var (samples, options) = ApproximateRenyiFixtures.Case(Input);
        _n = samples.Count;
        (_gram, _) = RenyiEngine.UnitGram(samples, options);
        _band = (double[])_gram.Clone();
        TwoStageTridiagonal.ReduceToBand(_band, _n, SymmetricEigenvalues.BandWidth, Threads);
        var tri = (double[])_band.Clone();
        TwoStageTridiagonal.BandToTridiagonal(tri, _n, SymmetricEigenvalues.BandWidth);
        _d = new double[_n];
        _e = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            _d[i] = tri[i * _n + i];
            _e[i] = i + 1 < _n ? tri[(i + 1) * _n + i] : 0;
        }

        _work = new double[_gram.Length];
        _dw = new double[_n];
        _ew = new double[_n];
    }

    [IterationSetup(Target = nameof(DenseToBand))]
    public void CopyGram() => _gram.CopyTo(_work, 0);

    [IterationSetup(Targets = [nameof(BandToTridiagonal), nameof(BandToTridiagonalOneThread)])]
    public void CopyBand() => _band.CopyTo(_work, 0);

    [IterationSetup(Target = nameof(TridiagonalQl))]
    public void CopyTridiagonal()
    {
        _d.CopyTo(_dw, 0);
        _e.CopyTo(_ew, 0);
    }

    /// <summary>Stage 1, blocked Householder to half-width 32 on all threads.</summary>
    [Benchmark]
    public void DenseToBand() => TwoStageTridiagonal.ReduceToBand(_work, _n, SymmetricEigenvalues.BandWidth, Threads);

    /// <summary>Stage 2, bulge chasing, its sweeps pipelined over all threads (as the estimators run it).</summary>
    [Benchmark]
    public void BandToTridiagonal() => TwoStageTridiagonal.BandToTridiagonal(_work, _n, SymmetricEigenvalues.BandWidth, threads: Threads);

    /// <summary>Stage 2 on one thread (the form before pipelining; the same bits).</summary>
    [Benchmark]
    public void BandToTridiagonalOneThread() => TwoStageTridiagonal.BandToTridiagonal(_work, _n, SymmetricEigenvalues.BandWidth);

    /// <summary>Implicit QL on the tridiagonal.</summary>
    [Benchmark]
    public void TridiagonalQl() => TridiagonalQL.Eigenvalues(_dw, _ew, _n);
}
