using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

// Paired before/after timing in one process. Each side's InfoTheory.Benchmarks.dll (and the InfoTheory.dll built beside
// it) loads into its own AssemblyLoadContext; the two sides' NoSlowdownBenchmarks.Run() then alternate, in a seeded random
// order within each pair, with a full garbage collection before every timed call so that one side's garbage is never
// collected on the other's clock. A change in the machine's load within seconds falls on both calls of a pair alike, so
// the median of the per-pair ratios after ÷ before is steadier than ratios of separate runs on a shared machine.
//
//   dotnet InfoTheory.PairedTiming.dll BEFORE/InfoTheory.Benchmarks.dll AFTER/InfoTheory.Benchmarks.dll "CASE=PAIRS;…"
//
// Prints one Markdown row per case: pairs, median (minimum) of each side in ms, the median ratio with a 95 % bootstrap
// interval (2,000 resamples, seed 7), and the ratio of the minima.
if (args.Length != 3)
{
    Console.Error.WriteLine("error: usage: InfoTheory.PairedTiming BEFORE.dll AFTER.dll \"CASE=PAIRS;…\"");
    return 2;
}

var random = new Random(7);
Console.WriteLine("| case | pairs | before: median (min), ms | after: median (min), ms | after ÷ before: median of pair ratios [95 % CI] | after ÷ before: min |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var spec in args[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
{
    var (name, pairs) = (spec[..spec.LastIndexOf('=')], int.Parse(spec[(spec.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture));
    var before = Side.Load(args[0], name);
    var after = Side.Load(args[1], name);
    for (int w = 0; w < 3; w++)
    {
        before.Time();
        after.Time();
    }

    var (b, a, ratio) = (new double[pairs], new double[pairs], new double[pairs]);
    for (int p = 0; p < pairs; p++)
    {
        if (random.Next(2) == 0)
        {
            b[p] = before.Time();
            a[p] = after.Time();
        }
        else
        {
            a[p] = after.Time();
            b[p] = before.Time();
        }

        ratio[p] = a[p] / b[p];
    }

    var medians = new double[2000];
    var resample = new double[pairs];
    for (int s = 0; s < medians.Length; s++)
    {
        for (int i = 0; i < pairs; i++)
        {
            resample[i] = ratio[random.Next(pairs)];
        }

        medians[s] = Median(resample);
    }

    Array.Sort(medians);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {pairs} | {Median(b):F2} ({b.Min():F2}) | {Median(a):F2} ({a.Min():F2}) | {Median(ratio):F3} [{medians[50]:F3}, {medians[1949]:F3}] | {a.Min() / b.Min():F3} |"));
}

return 0;

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    int m = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/// <summary>One build's NoSlowdownBenchmarks, set up for one case, in its own load context.</summary>
internal sealed class Side
{
    private readonly Func<double> _run;

    private Side(Func<double> run) => _run = run;

    public static Side Load(string benchmarksDll, string benchmarkCase)
    {
        var path = Path.GetFullPath(benchmarksDll);
        var assembly = new BuildContext(path).LoadFromAssemblyPath(path);
        var type = assembly.GetType("InfoTheory.Benchmarks.NoSlowdownBenchmarks", throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        type.GetProperty("Case")!.SetValue(instance, benchmarkCase);
        type.GetMethod("Setup")!.Invoke(instance, null);
        return new Side(type.GetMethod("Run")!.CreateDelegate<Func<double>>(instance));
    }

    /// <summary>Milliseconds of one call, after a full collection.</summary>
    public double Time()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        _run();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Resolves a build's dependencies from its own deps.json, so the two InfoTheory.dll never meet.</summary>
    private sealed class BuildContext(string mainAssembly) : AssemblyLoadContext(isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
