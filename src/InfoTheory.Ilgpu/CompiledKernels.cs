using ILGPU;
using ILGPU.Runtime;

namespace InfoTheory.Ilgpu;

/// <summary>
/// The kernel cache of one <see cref="IlgpuBackend"/>: every kernel of <see cref="DeviceKernels"/> loaded (compiled for
/// the accelerator) when the backend first runs an operation, and reused by every later one.
/// </summary>
internal sealed class CompiledKernels(Accelerator accelerator)
{
    public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, int, double> SquaredDistances { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, int, double>(DeviceKernels.SquaredDistances);

    private readonly Lazy<Action<KernelConfig, ArrayView<float>, int, int, ArrayView<double>, int, float>> _single = new(() =>
        accelerator.LoadStreamKernel<ArrayView<float>, int, int, ArrayView<double>, int, float>(DeviceKernels.SquaredDistancesSingle));

    /// <summary>Compiled on first use only (most callers never opt into float32).</summary>
    public Action<KernelConfig, ArrayView<float>, int, int, ArrayView<double>, int, float> SquaredDistancesSingle => _single.Value;

    public Action<Index2D, ArrayView<double>, ArrayView<int>, int, int, ArrayView<double>> HadamardBatch { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, ArrayView<int>, int, int, ArrayView<double>>(DeviceKernels.HadamardBatch);

    public Action<KernelConfig, ArrayView<double>, int, int, long, ArrayView<double>> GaussianPairSums { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, int, long, ArrayView<double>>(DeviceKernels.GaussianPairSums);

    public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>> SquaredNormBatch { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>>(DeviceKernels.SquaredNormBatch);

    public Action<KernelConfig, ArrayView<double>, long, ArrayView<double>> SquaredSumPartials { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, long, ArrayView<double>>(DeviceKernels.SquaredSumPartials);

    public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, int, double, ArrayView<int>> JacobiBatch { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>, int, double, ArrayView<int>>(DeviceKernels.JacobiBatch);

    public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>, ArrayView<double>> PanelReflector { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>, ArrayView<double>>(
            DeviceKernels.PanelReflector);

    public Action<KernelConfig, ArrayView<double>, ArrayView<double>, int, int, int, ArrayView<double>> PanelDots { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, int, int, int, ArrayView<double>>(DeviceKernels.PanelDots);

    public Action<KernelConfig, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>> SymvTiles { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>>(DeviceKernels.SymvTiles);

    public Action<Index1D, ArrayView<double>, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>> SymvSum { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>>(
            DeviceKernels.SymvSum);

    public Action<Index2D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int> PanelUpdate { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, int, int, ArrayView<double>, ArrayView<double>, int>(DeviceKernels.PanelUpdate);

    public Action<Index1D, ArrayView<double>, ArrayView<double>, int, double, double, double, double, ArrayView<double>> Bisection { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, double, double, double, double, ArrayView<double>>(
            DeviceKernels.Bisection);

    public Action<KernelConfig, ArrayView<double>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>> TridiagonalizeBatch { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>>(DeviceKernels.TridiagonalizeBatch);

    public Action<Index1D, ArrayView<double>, ArrayView<double>, int, int, ArrayView<int>> TridiagonalQLBatch { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, int, ArrayView<int>>(DeviceKernels.TridiagonalQLBatch);

    public Action<KernelConfig, ArrayView<double>, ArrayView<double>, int, int> RankTwoVector { get; } =
        accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, int, int>(DeviceKernels.RankTwoVector);

    public Action<Index1D, ArrayView<double>, ArrayView<double>, int, int, int, int, int, ArrayView<double>, ArrayView<int>> Nearest { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int, int, int, int, int, ArrayView<double>, ArrayView<int>>(
            DeviceKernels.Nearest);

    public Action<Index1D, ArrayView<double>, int, int, ArrayView<double>, int, int, ArrayView<int>> CountWithin { get; } =
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, ArrayView<double>, int, int, ArrayView<int>>(DeviceKernels.CountWithin);
}
