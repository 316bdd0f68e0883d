using System.Reflection;

namespace InfoTheory.Ilgpu.Tests;

/// <summary>
/// The contract can fail: <see cref="ComputeBackend.Cpu"/> with a fault seeded into any one of its primitives (a
/// relative error of 1e-6 in one output value, one count off by one, two neighbors swapped) fails at least one test of
/// <see cref="BackendContract"/>, while the same wrapper without a fault passes every one.
/// </summary>
public sealed class SeededFaultTests
{
    public static TheoryData<string> Primitives => [.. FaultyCpu.Faults];

    [Fact]
    public void WithoutAFaultTheWrappedCpuPassesTheWholeContract() => Assert.Empty(Failures(new FaultyCpu(fault: null)));

    [Theory]
    [MemberData(nameof(Primitives))]
    public void AFaultInAnyPrimitiveFailsTheContract(string primitive)
    {
        var failures = Failures(new FaultyCpu(primitive));
        Assert.True(failures.Count > 0, $"A fault in {primitive} went through the whole contract unnoticed.");
    }

    /// <summary>The names of the contract tests that fail on <paramref name="backend"/>.</summary>
    private static List<string> Failures(ComputeBackend backend)
    {
        var contract = new Probe(backend);
        var failures = new List<string>();
        foreach (var test in typeof(BackendContract).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                     .Where(m => m.GetCustomAttribute<BackendFactAttribute>() is not null))
        {
            try
            {
                test.Invoke(contract, null);
            }
            catch (TargetInvocationException e)
            {
                failures.Add($"{test.Name}: {e.InnerException?.GetType().Name}");
            }
        }

        return failures;
    }

    /// <summary>The contract on a given backend, run by hand above (not a test class of its own).</summary>
    private sealed class Probe(ComputeBackend backend) : BackendContract
    {
        protected override ComputeBackend Backend => backend;
    }
}

/// <summary>
/// <see cref="ComputeBackend.Cpu"/> behind the public API, every primitive forwarded, with at most one perturbed: a
/// backend written the way a third party would write one, and the contract's seeded fault.
/// </summary>
internal sealed class FaultyCpu(string? fault) : ComputeBackend
{
    /// <summary>Every primitive a fault can be seeded into.</summary>
    public static readonly string[] Faults =
    [
        nameof(SquaredDistances), nameof(UnitGram), nameof(UnitGramFromSquaredDistances), nameof(HadamardProduct), nameof(SquaredFrobeniusNorm),
        nameof(EigenvaluesInPlace), nameof(EigenvaluesBatch), nameof(SubsetSpectra), nameof(SubsetSquaredNorms), nameof(GaussianPairSum),
        nameof(KernelPairSums), nameof(NearestNeighbors), nameof(NearestNeighborDistances), nameof(CountWithin), nameof(KsgNeighborCounts),
    ];

    private static ComputeBackend Inner => Cpu;

    public override string Name => $"cpu with a fault in {fault ?? "nothing"}";

    protected override void SquaredDistancesCore(Samples samples, Span<double> destination, ComputeContext context)
    {
        Inner.SquaredDistances(samples, destination, context);
        Perturb(nameof(SquaredDistances), destination, samples.Count > 1 ? 1 : 0);
    }

    protected override void UnitGramCore(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext context)
    {
        Inner.UnitGram(samples, kernel, width, destination, context);
        Perturb(nameof(UnitGram), destination, samples.Count > 1 ? 1 : 0);
    }

    protected override void UnitGramFromSquaredDistancesCore(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context)
    {
        Inner.UnitGramFromSquaredDistances(matrix, n, kernel, width, context);
        Perturb(nameof(UnitGramFromSquaredDistances), matrix, n > 1 ? 1 : 0);
    }

    protected override void HadamardProductCore(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        Inner.HadamardProduct(matrices, subset, n, destination);
        Perturb(nameof(HadamardProduct), destination, n > 1 ? 1 : 0);
    }

    protected override double SquaredFrobeniusNormCore(ReadOnlySpan<double> values)
    {
        double sum = Inner.SquaredFrobeniusNorm(values);
        return fault == nameof(SquaredFrobeniusNorm) ? sum * (1 + 1e-6) : sum;
    }

    protected override void EigenvaluesCore(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext context)
    {
        Inner.EigenvaluesInPlace(matrix, n, eigenvalues, context);
        Perturb(nameof(EigenvaluesInPlace), eigenvalues, n - 1);
    }

    protected override void EigenvaluesBatchCore(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, ComputeContext context)
    {
        Inner.EigenvaluesBatch(matrices, n, count, eigenvalues, context);
        Perturb(nameof(EigenvaluesBatch), eigenvalues, n - 1);
    }

    protected override void SubsetSpectraCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues, ComputeContext context)
    {
        Inner.SubsetSpectra(matrices, n, subsets, eigenvalues, context);
        Perturb(nameof(SubsetSpectra), eigenvalues, n - 1);
    }

    protected override void SubsetSquaredNormsCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms, ComputeContext context)
    {
        Inner.SubsetSquaredNorms(matrices, n, subsets, squaredNorms, context);
        Perturb(nameof(SubsetSquaredNorms), squaredNorms, 0);
    }

    protected override long SpectraWorkspaceBytesCore(int n, int count) => Inner.SpectraWorkspaceBytes(n, count);

    protected override double GaussianPairSumCore(Samples samples, ComputeContext context)
    {
        double sum = Inner.GaussianPairSum(samples, context);
        return fault == nameof(GaussianPairSum) ? sum * (1 + 1e-6) : sum;
    }

    protected override void KernelPairSumsCore(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext context)
    {
        Inner.KernelPairSums(variables, widths, kernel, subsets, sums, context);
        Perturb(nameof(KernelPairSums), sums, sums.Length - 1);
    }

    protected override void NearestNeighborsCore(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search)
    {
        Inner.NearestNeighbors(samples, k, distances, indices, norm, search);
        if (fault == nameof(NearestNeighbors))
        {
            // The last point's farthest neighbor, a little farther, and swapped for another point.
            distances[^1] *= 1 + 1e-6;
            indices[^1] = (indices[^1] + 1) % samples.Count;
        }
    }

    protected override void NearestNeighborDistancesCore(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm, NeighborSearch search)
    {
        Inner.NearestNeighborDistances(queries, reference, k, distances, norm, search);
        Perturb(nameof(NearestNeighborDistances), distances, distances.Length - 1);
    }

    protected override void CountWithinCore(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search)
    {
        Inner.CountWithin(samples, radii, inclusive, counts, norm, search);
        if (fault == nameof(CountWithin))
        {
            counts[^1]++;
        }
    }

    protected override void KsgNeighborCountsCore(Samples joint, ReadOnlySpan<(int Start, int Length)> subspaces, int k, KsgVariant variant, Span<int> counts,
        KnnNorm norm, NeighborSearch search)
    {
        var ranges = new Range[subspaces.Length];
        for (int s = 0; s < ranges.Length; s++)
        {
            ranges[s] = subspaces[s].Start..(subspaces[s].Start + subspaces[s].Length);
        }

        Inner.KsgNeighborCounts(joint, ranges, k, variant, counts, norm, search);
        if (fault == nameof(KsgNeighborCounts))
        {
            counts[^1]++;
        }
    }

    /// <summary>values[at] off by a relative 1e-6 (or by 1e-6 when it is 0) when this primitive is the faulty one.</summary>
    private void Perturb(string primitive, Span<double> values, int at)
    {
        if (fault == primitive && values.Length > 0)
        {
            at = Math.Clamp(at, 0, values.Length - 1);
            values[at] = values[at] == 0 ? 1e-6 : values[at] * (1 + 1e-6);
        }
    }
}
