using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace InfoTheory.Ilgpu;

/// <summary>Which ILGPU device an <see cref="IlgpuDevice"/> setting means, with a message that says what to use when there is none.</summary>
internal static class DeviceSelection
{
    /// <summary>The device for <paramref name="wanted"/>: Auto takes CUDA, then OpenCL, never the simulator.</summary>
    /// <exception cref="NotSupportedException">No device of that kind.</exception>
    public static (Device Device, IlgpuDevice Kind) Choose(Context context, IlgpuDevice wanted)
    {
        Device? cuda = First(context.GetCudaDevices());
        Device? openCl = First(context.GetCLDevices());
        switch (wanted)
        {
            case IlgpuDevice.Cpu:
                return (context.GetCPUDevice(0), IlgpuDevice.Cpu);
            case IlgpuDevice.Cuda:
                return cuda is not null ? (cuda, IlgpuDevice.Cuda)
                    : throw new NotSupportedException("No CUDA device was found (no NVIDIA GPU or driver). Use IlgpuDevice.Auto to try OpenCL, or ComputeBackend.Cpu.");
            case IlgpuDevice.OpenCL:
                return openCl is not null ? (openCl, IlgpuDevice.OpenCL)
                    : throw new NotSupportedException("No OpenCL device that ILGPU supports was found (ILGPU needs OpenCL 2.0 generic address space; PoCL lacks it). Use ComputeBackend.Cpu, or IlgpuDevice.Cpu for the simulator.");
            default:
                if (cuda is not null)
                {
                    return (cuda, IlgpuDevice.Cuda);
                }

                return openCl is not null ? (openCl, IlgpuDevice.OpenCL)
                    : throw new NotSupportedException("No GPU was found: no CUDA device, and no OpenCL device with generic address space support. Use ComputeBackend.Cpu (the default), or IlgpuDevice.Cpu for ILGPU's slow simulator.");
        }
    }

    private static Device? First<TDevice>(Context.DeviceCollection<TDevice> devices)
        where TDevice : Device
    {
        foreach (var device in devices)
        {
            return device;
        }

        return null;
    }
}
