namespace InfoTheory.Ilgpu;

/// <summary>Says that an <see cref="IlgpuBackend"/> operation ran on the CPU because the device lacked memory.</summary>
/// <param name="operation">The operation, e.g. <c>SubsetSpectra</c>.</param>
/// <param name="bytesNeeded">The device memory it needed.</param>
/// <param name="bytesAvailable">The device memory it could use.</param>
public sealed class DeviceFallbackEventArgs(string operation, long bytesNeeded, long bytesAvailable) : EventArgs
{
    /// <summary>The operation that fell back, e.g. <c>SubsetSpectra</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The device memory the operation needed, in bytes.</summary>
    public long BytesNeeded { get; } = bytesNeeded;

    /// <summary>The device memory it was allowed to use, in bytes.</summary>
    public long BytesAvailable { get; } = bytesAvailable;

    /// <summary>A one-line description for logs.</summary>
    public override string ToString() =>
        $"{Operation} needed {IlgpuBackend.Describe(BytesNeeded)} of device memory but {IlgpuBackend.Describe(BytesAvailable)} was available; it ran on the CPU.";
}

/// <summary>An operation needs more device memory than the <see cref="IlgpuBackend"/> may use (policy <see cref="IlgpuMemoryPolicy.Refuse"/>).</summary>
public sealed class InsufficientDeviceMemoryException : ArgumentException
{
    /// <summary>An exception with a message that names the bytes needed and available.</summary>
    /// <param name="message">The message.</param>
    /// <param name="bytesNeeded">The bytes the operation needed.</param>
    /// <param name="bytesAvailable">The bytes it could use.</param>
    public InsufficientDeviceMemoryException(string message, long bytesNeeded, long bytesAvailable)
        : base(message, "samples")
    {
        BytesNeeded = bytesNeeded;
        BytesAvailable = bytesAvailable;
    }

    /// <summary>An exception with a default message.</summary>
    public InsufficientDeviceMemoryException()
        : this("The operation needs more device memory than is available.", 0, 0)
    {
    }

    /// <summary>An exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InsufficientDeviceMemoryException(string message)
        : this(message, 0, 0)
    {
    }

    /// <summary>An exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InsufficientDeviceMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The bytes the operation needed.</summary>
    public long BytesNeeded { get; }

    /// <summary>The bytes it could use.</summary>
    public long BytesAvailable { get; }
}
