namespace InfoTheory.Ilgpu;

/// <summary>Which ILGPU accelerator an <see cref="IlgpuBackend"/> runs on.</summary>
public enum IlgpuDevice
{
    /// <summary>The first CUDA device, else the first OpenCL device ILGPU can use, else an error (never the CPU simulator).</summary>
    Auto,

    /// <summary>The first CUDA device (NVIDIA); an error when there is none.</summary>
    Cuda,

    /// <summary>
    /// The first OpenCL device ILGPU supports; an error when there is none. ILGPU's OpenCL backend needs OpenCL 2.0
    /// generic address space support, which PoCL (Debian's CPU OpenCL) lacks.
    /// </summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: a slow multi-threaded simulator of a GPU, for tests and machines without one.</summary>
    Cpu,
}

/// <summary>What an <see cref="IlgpuBackend"/> does when an operation needs more device memory than is free.</summary>
public enum IlgpuMemoryPolicy
{
    /// <summary>Throw an <see cref="InsufficientDeviceMemoryException"/> naming the bytes needed and free (default).</summary>
    Refuse,

    /// <summary>Run that operation on <see cref="ComputeBackend.Cpu"/> and report it (<see cref="IlgpuBackend.FellBack"/>).</summary>
    FallBackToCpu,
}

#pragma warning disable CA1720 // Double and Single name the precisions themselves, as float64/float32 in the docs
/// <summary>The arithmetic of the distance and Gram kernels.</summary>
public enum IlgpuPrecision
{
    /// <summary>float64 throughout (default): results equal the CPU path's up to rounding.</summary>
    Double,

    /// <summary>
    /// Coordinates, distances and κ in float32, widened to float64 afterwards (products and eigenvalues stay float64).
    /// Faster on GPUs with weak float64 units; Gram entries then carry relative errors of about 1e-7 (more where the
    /// distances are large relative to the coordinates' magnitude), so entropies differ from the CPU path by about that
    /// much. Opt in only where that is acceptable.
    /// </summary>
    Single,
}
#pragma warning restore CA1720
