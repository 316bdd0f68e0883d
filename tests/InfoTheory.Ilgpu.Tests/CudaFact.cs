using Xunit.Abstractions;
using Xunit.Sdk;

namespace InfoTheory.Ilgpu.Tests;

/// <summary>Whether a CUDA device is present, probed once per test run.</summary>
internal static class CudaProbe
{
    private static readonly Lazy<bool> Present = new(() => IlgpuBackend.IsAvailable(IlgpuDevice.Cuda));

    public const string SkipReason = "No CUDA device on this machine (ILGPU found no NVIDIA GPU/driver); the CUDA contract runs where one exists.";

    public static bool Available => Present.Value;
}

/// <summary>A fact that is reported as skipped, with the reason, when no CUDA device exists (never a silent pass).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when ILGPU finds no CUDA device.</summary>
    public CudaFactAttribute()
    {
        if (!CudaProbe.Available)
        {
            Skip = CudaProbe.SkipReason;
        }
    }
}

/// <summary>Marks a contract class whose backend needs CUDA: its <see cref="BackendFactAttribute"/> tests are skipped without one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresCudaAttribute : Attribute
{
}

/// <summary>
/// A contract test: a fact declared once on the abstract contract class and run for each backend class deriving from
/// it; skipped (with the reason) in classes marked <see cref="RequiresCudaAttribute"/> when no CUDA device exists.
/// </summary>
[XunitTestCaseDiscoverer("InfoTheory.Ilgpu.Tests.BackendFactDiscoverer", "InfoTheory.Ilgpu.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute
{
}

/// <summary>Discovers <see cref="BackendFactAttribute"/> tests, skipping them per test class when CUDA is required and absent.</summary>
public sealed class BackendFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        bool needsCuda = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresCudaAttribute)).Any();
        if (needsCuda && !CudaProbe.Available)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, CudaProbe.SkipReason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
