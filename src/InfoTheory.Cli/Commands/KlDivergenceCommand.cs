using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory kl-divergence --p FILE --q FILE</c>: the Kullback–Leibler divergence D(P‖Q) between two samples.</summary>
internal static class KlDivergenceCommand
{
    /// <summary>
    /// The divergence estimators: name → (help, the names of the <see cref="ClassicalEstimators.Options"/> it takes,
    /// computation). The command accepts exactly the options its estimators take. Later ones (histogram KL) go here.
    /// </summary>
    public static IReadOnlyList<(string Name, string Help, IReadOnlyList<string> Options, Func<ParsedArguments, Samples, Samples, InformationEstimate> Estimate)> Estimators { get; } =
    [
        ("knn", "k-NN divergence of Wang, Kulkarni & Verdú (2009), Euclidean by default", ["k", "norm", "standardize", "ci"],
            (a, p, q) => new KnnKullbackLeiblerDivergence(ClassicalEstimators.KnnSettings(a)).Estimate(p, q)),
    ];

    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "kl-divergence",
        "Kullback–Leibler divergence D(P||Q) between samples of two distributions",
        "D(P‖Q) from n samples of P and m samples of Q of the same dimension: the k-NN estimator of Wang, Kulkarni & Verdú (IEEE TIT 2009), (d/n)·Σ ln(ν_k/ρ_k) + ln(m/(n−1)), nats inside. Rows are observations; the files may hold different numbers of them.",
        [
            new("p", "FILE", "samples of P: a .csv or .npy file", Required: true),
            new("q", "FILE", "samples of Q: a .csv or .npy file with the same number of columns", Required: true),
            new("estimator", "NAME", $"the estimator: {string.Join(", ", Estimators.Select(e => e.Name))} (default knn)"),
            // The shared lines start with the entropy/MI estimators they apply to ("kl, wkl, ksg, ksg2: ..."): drop that here.
            .. ClassicalEstimators.Options.Where(o => Estimators.Any(e => e.Options.Contains(o.Name)))
                .Select(o => o with { Help = o.Help[(o.Help.IndexOf(": ", StringComparison.Ordinal) + 2)..] }),
            .. CommonSettings.Options.Where(o => o.Name is "unit" or "json" or "device" or "max-memory"),
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        string name = args.Get("estimator") ?? "knn";
        var entry = Estimators.FirstOrDefault(e => e.Name == name);
        if (entry.Estimate is null)
        {
            throw new UsageException($"--estimator '{name}' is not available for kl-divergence; accepted values: {string.Join(", ", Estimators.Select(e => e.Name))}.");
        }

        var output = OutputSettings.Bind(args);
        double? level = ClassicalEstimators.CiLevel(args);
        var settings = ClassicalEstimators.KnnDescription(args, KnnNorm.Euclidean);
        var p = InputFiles.Read(args, "p", context);
        var q = InputFiles.Read(args, "q", context);
        context.Cancellation.ThrowIfCancellationRequested(); // the k-NN estimate itself is not interruptible
        var result = entry.Estimate(args, p.ToSamples(), q.ToSamples());
        ClassicalOutput.Write(context, output, new ClassicalReport("kl-divergence", "D(P||Q)", name, result, p.Count, settings, level));
    }
}
