namespace InfoTheory.Ilgpu.Tests;

/// <summary>The contract on the managed CPU path: its fused, blocked and vectorised code against the plain reference.</summary>
public sealed class CpuBackendContract : BackendContract
{
    protected override ComputeBackend Backend => ComputeBackend.Cpu;
}

/// <summary>The contract on the reference itself: its closed forms and by-hand cases hold too (the comparisons are trivial).</summary>
public sealed class ReferenceBackendContract : BackendContract
{
    protected override ComputeBackend Backend => ReferenceBackend.Instance;
}

/// <summary>One ILGPU backend per device kind for the whole run, created on first use (never when its tests are skipped).</summary>
public sealed class IlgpuBackends : IDisposable
{
    private readonly Lazy<IlgpuBackend> _cpu = new(() => IlgpuBackend.Create(IlgpuDevice.Cpu));
    private readonly Lazy<IlgpuBackend> _cpuJacobi = new(() => IlgpuBackend.Create(new IlgpuBackendOptions
    {
        Device = IlgpuDevice.Cpu,
        BatchedEigenSolver = IlgpuBatchedEigenSolver.Jacobi,
    }));

    private readonly Lazy<IlgpuBackend> _cuda = new(() => IlgpuBackend.Create(IlgpuDevice.Cuda));

    /// <summary>The simulator with the default options (batched spectra by Householder + QL).</summary>
    public IlgpuBackend Simulator => _cpu.Value;

    /// <summary>The simulator with batched spectra by the Jacobi kernel.</summary>
    public IlgpuBackend SimulatorJacobi => _cpuJacobi.Value;

    public IlgpuBackend Cuda => _cuda.Value;

    public void Dispose()
    {
        if (_cpu.IsValueCreated)
        {
            _cpu.Value.Dispose();
        }

        if (_cpuJacobi.IsValueCreated)
        {
            _cpuJacobi.Value.Dispose();
        }

        if (_cuda.IsValueCreated)
        {
            _cuda.Value.Dispose();
        }
    }
}

[CollectionDefinition("ilgpu")]
public sealed class IlgpuCollection : ICollectionFixture<IlgpuBackends>
{
}

/// <summary>The contract on ILGPU's CPU accelerator: always runs (CI has no GPU), exercising every kernel.</summary>
[Collection("ilgpu")]
public sealed class IlgpuSimulatorContract(IlgpuBackends backends) : BackendContract
{
    protected override ComputeBackend Backend => backends.Simulator;
}

/// <summary>The contract on the simulator with <see cref="IlgpuBatchedEigenSolver.Jacobi"/> for batched spectra (the option's other path).</summary>
[Collection("ilgpu")]
public sealed class IlgpuSimulatorJacobiContract(IlgpuBackends backends) : BackendContract
{
    protected override ComputeBackend Backend => backends.SimulatorJacobi;
}

/// <summary>The contract on CUDA: reported as skipped, with the reason, where no CUDA device exists.</summary>
[Collection("ilgpu")]
[RequiresCuda]
public sealed class IlgpuCudaContract(IlgpuBackends backends) : BackendContract
{
    protected override ComputeBackend Backend => backends.Cuda;
}
