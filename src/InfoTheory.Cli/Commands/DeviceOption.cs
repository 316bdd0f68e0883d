using InfoTheory.Ilgpu;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>--device cpu|gpu|ilgpu-cpu</c>: where the matrix and neighbor-search work runs. The tool makes at most one ILGPU backend of each kind
/// per process and keeps it for the process's life (a command-line run is one short process).
/// </summary>
internal static class DeviceOption
{
    /// <summary>The option's spec, for the shared option list.</summary>
    public static OptionSpec Spec { get; } = new("device", "DEVICE", "where the matrix and neighbor-search work runs: cpu (default), gpu (CUDA, else OpenCL), ilgpu-cpu (ILGPU's slow simulator)");

    private static readonly Lazy<IlgpuBackend> Gpu = new(() => IlgpuBackend.Create(IlgpuDevice.Auto));
    private static readonly Lazy<IlgpuBackend> Simulator = new(() => IlgpuBackend.Create(IlgpuDevice.Cpu));

    /// <summary>The backend named by <c>--device</c> (cpu when absent).</summary>
    /// <exception cref="UsageException">An unknown name, or <c>gpu</c> on a machine without a usable GPU.</exception>
    public static ComputeBackend Resolve(string? name)
    {
        try
        {
            return (name ?? "cpu") switch
            {
                "cpu" => ComputeBackend.Cpu,
                "gpu" => Gpu.Value,
                "ilgpu-cpu" => Simulator.Value,
                var other => throw new UsageException($"--device '{other}' is not a device; accepted values: cpu, gpu, ilgpu-cpu."),
            };
        }
        catch (NotSupportedException e)
        {
            // The library's advice names its types (ComputeBackend.Cpu); the tool's user needs the option's values.
            int advice = e.Message.IndexOf(" Use ", StringComparison.Ordinal);
            string what = advice < 0 ? e.Message : e.Message[..advice];
            throw new UsageException($"--device {name}: {what} Use --device cpu (the default), or --device ilgpu-cpu for ILGPU's slow CPU simulator.", e);
        }
    }
}
