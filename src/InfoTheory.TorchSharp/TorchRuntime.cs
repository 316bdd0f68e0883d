using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using TorchSharp;

namespace InfoTheory.TorchSharp;

/// <summary>
/// Process-wide libtorch switches that change results, not only speed. TorchSharp does not expose oneDNN (MKL-DNN), so
/// this calls libtorch's own <c>at::Context::setUserEnabledMkldnn</c>, the switch behind Python's
/// <c>torch.backends.mkldnn.enabled</c>.
/// </summary>
/// <remarks>
/// Why: on an AMD EPYC of family 0x1A (Zen 5) libtorch-cpu 2.10's oneDNN convolutions intermittently return NaN
/// (forward maps and weight gradients) for inputs that are finite: the CAE, LeNet and convolutional-compressor tests of
/// this repository failed in 7 of 9 runs there, and in none with oneDNN off (2026-12-05). PyTorch has several such
/// reports (pytorch/pytorch#109985, #177227: "torch.backends.mkldnn.enabled = False" as the workaround). With oneDNN
/// off libtorch tries NNPACK next, whose CPU detection fails on the same processors ("Could not initialize NNPACK!
/// Reason: Unsupported hardware", printed once per convolution) before it falls back to its native convolution: same
/// results to rounding, slower. <see cref="AvoidKnownFaults"/> therefore switches NNPACK off there too.
/// </remarks>
public static partial class TorchRuntime
{
    /// <summary>
    /// Whether libtorch may use oneDNN for CPU convolutions and related operators (libtorch's default: true). Applies
    /// to the whole process from the next operation on.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">On Windows (libtorch's C++ symbols have another mangling there).</exception>
    public static bool OneDnnEnabled
    {
        get => UserEnabledMkldnn(Context());
        set => SetUserEnabledMkldnn(Context(), value);
    }

    /// <summary>
    /// Whether libtorch may use NNPACK for CPU convolutions (libtorch's default: true; it is tried when oneDNN is off).
    /// Applies to the whole process from the next operation on.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">On Windows (libtorch's C++ symbols have another mangling there).</exception>
    public static bool NnpackEnabled
    {
        get => UserEnabledNnpack(Context());
        set => SetUserEnabledNnpack(Context(), value);
    }

    /// <summary>
    /// Whether this CPU is one where oneDNN convolutions were seen to return NaN: an AMD processor of family 0x1A or
    /// later (see the remarks of <see cref="TorchRuntime"/>).
    /// </summary>
    public static bool OneDnnFaultKnownHere { get; } = IsAmdZen5OrLater();

    /// <summary>
    /// Turns oneDNN off where <see cref="OneDnnFaultKnownHere"/>, unless the environment variable
    /// <c>INFOTHEORY_ONEDNN</c> is <c>1</c> (<c>0</c> turns it off on any CPU); where the fault is known, NNPACK goes off
    /// too (it cannot initialise there and would print a warning per convolution). Returns whether oneDNN is now enabled.
    /// </summary>
    public static bool AvoidKnownFaults()
    {
        string? choice = Environment.GetEnvironmentVariable("INFOTHEORY_ONEDNN");
        bool enable = choice switch
        {
            "1" => true,
            "0" => false,
            _ => !OneDnnFaultKnownHere,
        };
        if (enable != OneDnnEnabled)
        {
            OneDnnEnabled = enable;
        }

        if (OneDnnFaultKnownHere && NnpackEnabled)
        {
            NnpackEnabled = false;
        }

        return enable;
    }

    private static IntPtr Context()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("TorchRuntime.OneDnnEnabled is available on Linux and macOS only.");
        }

        _ = torch.get_num_threads(); // loads libtorch (TorchSharp resolves its native libraries on first use)
        return GlobalContext();
    }

    private static bool IsAmdZen5OrLater()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        bool amd = ebx == 0x68747541 && edx == 0x69746E65 && ecx == 0x444D4163; // "AuthenticAMD"
        int eax = X86Base.CpuId(1, 0).Eax;
        int family = ((eax >> 8) & 0xF) + (((eax >> 8) & 0xF) == 0xF ? (eax >> 20) & 0xFF : 0);
        return amd && family >= 0x1A;
    }

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport("torch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledMkldnn(IntPtr context);

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport("torch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledNnpack(IntPtr context);

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
