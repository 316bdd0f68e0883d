using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// Every kernel through ILGPU's real code generators, with no GPU: PTX for NVIDIA Hopper (the H100 of the speed
/// targets) and Volta (sm_70), and OpenCL C. The simulator runs the kernels' .NET code, so it cannot catch a
/// construct the GPU back ends refuse (a managed call, an unsupported intrinsic, a shared-memory allocation that is not
/// constant); these tests can. The kernels are found by reflection, so a new one is covered without editing this file.
/// </summary>
public sealed class DeviceCodeGenerationTests
{
    private static readonly MethodInfo[] Kernels = typeof(IlgpuBackend).Assembly.GetType("InfoTheory.Ilgpu.DeviceKernels", throwOnError: true)!
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.ReturnType == typeof(void))
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> KernelNames => new(Kernels.Select(m => m.Name));

    [Fact]
    public void TheKernelListIsComplete()
    {
        // Guards against a reflection filter that silently drops kernels (the Theories below would then pass vacuously).
        Assert.True(Kernels.Length >= 18, $"found {Kernels.Length} kernels: {string.Join(", ", Kernels.Select(m => m.Name))}");
        Assert.Contains(Kernels, m => m.Name == "PanelUpdate");
        Assert.Contains(Kernels, m => m.Name == "TridiagonalQLBatch");
        Assert.Contains(Kernels, m => m.Name == "CountWithin");
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void CompilesToPtxForHopperAndVolta(string name)
    {
        using var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        // ILGPU 1.5.3 emits sm_80 PTX for Hopper (the driver compiles it for sm_90 when the kernel loads).
        foreach (var (architecture, target) in new[] { (CudaArchitecture.SM_90, "sm_80"), (CudaArchitecture.SM_70, "sm_70") })
        {
            using var backend = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, CudaInstructionSet.ISA_80, null!);
            var compiled = (PTXCompiledKernel)backend.Compile(Entry(name), new KernelSpecialization());
            Assert.Contains($".target {target}", compiled.PTXAssembly, StringComparison.Ordinal);
            Assert.Contains($".entry Kernel_{name}(", compiled.PTXAssembly, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void CompilesToOpenCLC(string name)
    {
        using var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        // A float64 device with generic address space, as ILGPU's OpenCL back end requires.
        var capabilities = new CLCapabilityContext(true, true, true, true, true);
        using var backend = new CLBackend(context, capabilities, CLDeviceVendor.Nvidia, CLBackend.MinimumVersion);
        var compiled = (CLCompiledKernel)backend.Compile(Entry(name), new KernelSpecialization());
        Assert.Contains("kernel", compiled.Source, StringComparison.Ordinal);
        Assert.Contains("double", compiled.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFloat64GramKernelUsesNoSinglePrecisionExponential()
    {
        // The double Gram kernel carries its own exp (DeviceMath): no approximate float32 ex2 may leak into it, which
        // would cap the Gram's accuracy near 1e-7.
        using var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var ptx = ((PTXCompiledKernel)backend.Compile(Entry("SquaredDistances"), new KernelSpecialization())).PTXAssembly;
        Assert.DoesNotContain("ex2.approx", ptx, StringComparison.Ordinal);
        var single = ((PTXCompiledKernel)backend.Compile(Entry("SquaredDistancesSingle"), new KernelSpecialization())).PTXAssembly;
        Assert.Contains(".f32", single, StringComparison.Ordinal);
    }

    private static EntryPointDescription Entry(string name)
    {
        var method = Kernels.Single(m => m.Name == name);
        var first = method.GetParameters()[0].ParameterType;
        return first == typeof(Index1D) || first == typeof(Index2D) || first == typeof(Index3D)
            ? EntryPointDescription.FromImplicitlyGroupedKernel(method)
            : EntryPointDescription.FromExplicitlyGroupedKernel(method);
    }
}
