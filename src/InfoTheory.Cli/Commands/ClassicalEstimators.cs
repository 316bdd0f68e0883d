using System.Globalization;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// One estimator that <c>--estimator NAME</c> selects for <c>entropy</c> and <c>mi</c> besides the matrix-based Rényi
/// default: its name, one line of help, the estimator-specific options it accepts, and how it computes (null where it
/// does not apply, e.g. KSG has no entropy).
/// </summary>
/// <param name="Name">The value of <c>--estimator</c>.</param>
/// <param name="Help">One line for the help text.</param>
/// <param name="Options">The names of the options of <see cref="ClassicalEstimators.Options"/> it accepts.</param>
/// <param name="Entropy">H(X) from the parsed options, or null.</param>
/// <param name="MutualInformation">I(X;Y) from the parsed options, or null.</param>
/// <param name="Settings">The settings to report beside the value (e.g. k and the norm), from the parsed options.</param>
internal sealed record ClassicalEstimator(
    string Name,
    string Help,
    IReadOnlyList<string> Options,
    Func<ParsedArguments, Samples, CommandContext, InformationEstimate>? Entropy,
    Func<ParsedArguments, Samples, Samples, CommandContext, InformationEstimate>? MutualInformation,
    Func<ParsedArguments, IReadOnlyList<KeyValuePair<string, object>>> Settings)
{
    /// <summary>
    /// I(X;Y) at each factor times the estimator's kernel widths (<c>--width-factors</c>), or null for an estimator without
    /// a width; it then must not list <see cref="WidthScanOption.Name"/> among its <see cref="Options"/>.
    /// </summary>
    public Func<ParsedArguments, Samples, Samples, IReadOnlyList<double>, CommandContext, IReadOnlyList<InformationEstimate>>? MutualInformationAcrossWidths { get; init; }

    /// <summary>The entropy estimator with the command's options bound, for library code that takes an <see cref="IEntropyEstimator"/>.</summary>
    public IEntropyEstimator BindEntropy(ParsedArguments args, CommandContext context) =>
        new BoundEntropy(Entropy ?? throw new InvalidOperationException($"{Name} has no entropy."), args, context);

    /// <summary>The MI estimator with the command's options bound, for library code that takes an <see cref="IMutualInformationEstimator"/>.</summary>
    public IMutualInformationEstimator BindMutualInformation(ParsedArguments args, CommandContext context) =>
        new BoundMutualInformation(MutualInformation ?? throw new InvalidOperationException($"{Name} has no mutual information."), args, context);

    private sealed class BoundEntropy(Func<ParsedArguments, Samples, CommandContext, InformationEstimate> estimate, ParsedArguments args,
        CommandContext context) : IEntropyEstimator
    {
        public InformationEstimate Estimate(Samples samples) => estimate(args, samples, context);
    }

    private sealed class BoundMutualInformation(Func<ParsedArguments, Samples, Samples, CommandContext, InformationEstimate> estimate,
        ParsedArguments args, CommandContext context) : IMutualInformationEstimator
    {
        public InformationEstimate Estimate(Samples x, Samples y) => estimate(args, x, y, context);
    }
}

/// <summary>
/// The table of estimators besides <c>renyi</c>: name → factory. To add one (kde, bin, gaussian, compressed), add its
/// options to <see cref="Options"/> and one entry to <see cref="All"/>; parsing, the "option does not apply" errors,
/// help, and the JSON/text output follow from the table.
/// </summary>
internal static class ClassicalEstimators
{
    /// <summary>The default estimator's name (matrix-based Rényi; its options are <see cref="CommonSettings.Options"/>).</summary>
    public const string Renyi = "renyi";

    /// <summary>The options of the Rényi estimator, refused with any other estimator that does not list them too (kde lists --progress and --width-factors).</summary>
    public static IReadOnlyList<string> RenyiOptions { get; } =
        ["alpha", "sigma", "bandwidth", "h", "gamma", MethodOption.Name, MethodOption.ToleranceName, "device", "progress", WidthScanOption.Name];

    /// <summary>Every estimator-specific option of the table's estimators.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("k", "K", $"kl, wkl, ksg, ksg2: the neighbor order k ≥ 1, below N (default {KnnOptions.DefaultK})"),
        new("norm", "NORM", "kl, wkl, ksg, ksg2: max or euclidean (default: euclidean for kl/wkl, max for ksg/ksg2)"),
        new("standardize", null, "kl, wkl, ksg, ksg2: divide each column by its standard deviation first (entropies add back the log-Jacobian); for columns of very different scales"),
        new("ci", "LEVEL", "kl, wkl, ksg, ksg2, kde, bin, gaussian: add a normal confidence interval at this level, e.g. 0.95 (value ± z·SE)"),
        new("bins", "B", $"bin: equal-width bins per column over its [min, max] (default {BinningOptions.DefaultBins})"),
        new("kde-bandwidth", "RULE", "kde: scott (default), silverman or likelihood (leave-one-out maximum likelihood)"),
        new("leave-one-out", null, "kde: leave each point out of its own density (default: resubstitution)"),
        WidthScanOption.Spec,
    ];

    private static readonly string[] Knn = ["k", "norm", "standardize", "ci", "device"];
    private static readonly string[] KdeOptionNames = ["kde-bandwidth", "leave-one-out", "ci", "progress", WidthScanOption.Name];
    private static readonly string[] BinOptionNames = ["bins", "ci"];
    private static readonly string[] CiOnly = ["ci"];

    /// <summary>The estimators, in the order of the help.</summary>
    public static IReadOnlyList<ClassicalEstimator> All { get; } =
    [
        new("kl", "Kozachenko–Leonenko k-NN entropy (MI as H(X)+H(Y)−H(X,Y))", Knn,
            (a, x, _) => new KozachenkoLeonenkoEntropy(KnnSettings(a)).Estimate(x),
            (a, x, y, _) => new KnnEntropyMutualInformation(KnnSettings(a)).Estimate(x, y),
            a => KnnDescription(a, KnnNorm.Euclidean)),
        new("wkl", "weighted Kozachenko–Leonenko (Berrett, Samworth & Yuan 2019; k ≥ ⌊d/4⌋+1)", Knn,
            (a, x, _) => new WeightedKozachenkoLeonenkoEntropy(KnnSettings(a)).Estimate(x),
            (a, x, y, _) => new KnnEntropyMutualInformation(KnnSettings(a), weighted: true).Estimate(x, y),
            a => KnnDescription(a, KnnNorm.Euclidean)),
        new("ksg", "KSG estimator 1 (Kraskov et al. 2004), max-norm; mi only", Knn,
            null,
            (a, x, y, _) => new KsgMutualInformation(KsgSettings(a, KsgVariant.One)).Estimate(x, y),
            a => KnnDescription(a, KnnNorm.Max)),
        new("ksg2", "KSG estimator 2 (Kraskov et al. 2004), max-norm; mi only", Knn,
            null,
            (a, x, y, _) => new KsgMutualInformation(KsgSettings(a, KsgVariant.Two)).Estimate(x, y),
            a => KnnDescription(a, KnnNorm.Max)),
        new("kde", "Gaussian KDE entropy −(1/N)Σ log p̂(xᵢ), kernel covariance h²·Σ̂ (MI as H(X)+H(Y)−H(X,Y))", KdeOptionNames,
            (a, x, c) => new KdeEntropy(KdeSettings(a)).Estimate(x, c.Progress, c.Cancellation),
            (a, x, y, c) => new KdeMutualInformation(KdeSettings(a)).Estimate(x, y, c.Progress, c.Cancellation),
            a => [new("bandwidth", KdeRuleName(a)), new("leave_one_out", a.Has("leave-one-out"))])
        {
            MutualInformationAcrossWidths = (a, x, y, factors, c) =>
                new KdeMutualInformation(KdeSettings(a)).EstimateAcrossWidths(x, y, factors, c.Progress, c.Cancellation),
        },
        new("bin", "plug-in entropy of equal-width bins per column (Shwartz-Ziv & Tishby use 30)", BinOptionNames,
            (a, x, _) => new BinnedEntropy(BinSettings(a)).Estimate(x),
            (a, x, y, _) => new BinnedMutualInformation(BinSettings(a)).Estimate(x, y),
            a => [new("bins", a.GetInt("bins", 1) ?? BinningOptions.DefaultBins)]),
        new("gaussian", "closed form of the fitted Gaussian (covariance with divisor N−1)", CiOnly,
            (a, x, _) => new GaussianFitEntropy().Estimate(x),
            (a, x, y, _) => new GaussianFitMutualInformation().Estimate(x, y),
            a => []),
    ];

    /// <summary>The KDE settings from --kde-bandwidth and --leave-one-out.</summary>
    public static KdeOptions KdeSettings(ParsedArguments a) => new()
    {
        Rule = KdeRuleName(a) switch
        {
            "scott" => KdeBandwidthRule.Scott,
            "silverman" => KdeBandwidthRule.Silverman,
            _ => KdeBandwidthRule.LeaveOneOutLikelihood,
        },
        LeaveOneOut = a.Has("leave-one-out"),
    };

    private static string KdeRuleName(ParsedArguments a) => a.Get("kde-bandwidth") switch
    {
        null => "scott",
        "scott" or "silverman" or "likelihood" => a.Get("kde-bandwidth")!,
        var other => throw new UsageException($"--kde-bandwidth '{other}' is not a rule; accepted values: scott, silverman, likelihood."),
    };

    /// <summary>The binning settings from --bins.</summary>
    public static BinningOptions BinSettings(ParsedArguments a) => new() { Bins = a.GetInt("bins", 1) ?? BinningOptions.DefaultBins };

    /// <summary>The <c>--estimator</c> help line for a command that computes entropy or MI.</summary>
    public static string EstimatorHelp(bool mutualInformation) =>
        $"the estimator: {Renyi} (matrix-based Rényi α-entropy; default), " +
        string.Join(", ", All.Where(e => Computes(e, mutualInformation)).Select(e => e.Name)) +
        (mutualInformation ? ", compressed (any of them on PCA or autoencoder codes)" : string.Empty);

    /// <summary>
    /// The estimator <c>--estimator</c> names for this command (null for renyi), after checking that every option given
    /// applies to it.
    /// </summary>
    /// <exception cref="UsageException">An unknown estimator, one that does not compute this quantity, or an option that does not apply.</exception>
    public static ClassicalEstimator? Select(ParsedArguments args, bool mutualInformation)
    {
        string name = args.Get("estimator") ?? Renyi;
        var accepted = new[] { Renyi }.Concat(All.Where(e => Computes(e, mutualInformation)).Select(e => e.Name));
        var entry = All.FirstOrDefault(e => e.Name == name);
        if (name != Renyi && (entry is null || !Computes(entry, mutualInformation)))
        {
            string why = entry is null ? "is not available" : $"does not estimate {(mutualInformation ? "mutual information" : "entropy (it is a mutual-information estimator)")}";
            throw new UsageException($"--estimator '{name}' {why}; accepted values: {string.Join(", ", accepted)}.");
        }

        var own = entry?.Options ?? RenyiOptions;
        foreach (string option in RenyiOptions.Concat(Options.Select(o => o.Name)))
        {
            if (args.Has(option) && !own.Contains(option))
            {
                var users = (RenyiOptions.Contains(option) ? [Renyi] : Array.Empty<string>())
                    .Concat(All.Where(e => e.Options.Contains(option)).Select(e => e.Name)).ToArray();
                throw new UsageException($"--{option} does not apply to --estimator {name}; it is an option of {string.Join(", ", users)}.");
            }
        }

        return entry;
    }

    /// <summary>Whether the estimator computes MI (or entropy).</summary>
    public static bool Computes(ClassicalEstimator estimator, bool mutualInformation) =>
        mutualInformation ? estimator.MutualInformation is not null : estimator.Entropy is not null;

    /// <summary>The k-NN entropy/divergence settings from --k and --norm (default Euclidean).</summary>
    public static KnnOptions KnnSettings(ParsedArguments a) =>
        new() { K = K(a), Norm = Norm(a) ?? KnnNorm.Euclidean, Standardize = a.Has("standardize"), Backend = DeviceOption.Resolve(a.Get("device")) };

    /// <summary>The KSG settings from --k and --norm (default max-norm).</summary>
    public static KsgOptions KsgSettings(ParsedArguments a, KsgVariant variant) =>
        new() { K = K(a), Norm = Norm(a) ?? KnnNorm.Max, Variant = variant, Standardize = a.Has("standardize"), Backend = DeviceOption.Resolve(a.Get("device")) };

    /// <summary>--ci LEVEL, strictly between 0 and 1, or null.</summary>
    /// <exception cref="UsageException">Not a number in (0, 1).</exception>
    public static double? CiLevel(ParsedArguments a)
    {
        string? text = a.Get("ci");
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double level) || !(level > 0 && level < 1))
        {
            throw new UsageException($"--ci '{text}' must be a coverage level strictly between 0 and 1, e.g. --ci 0.95.");
        }

        return level;
    }

    /// <summary>k and the norm, as reported, and <c>standardize</c> when it was asked for.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> KnnDescription(ParsedArguments a, KnnNorm defaultNorm) =>
    [
        new("k", K(a)),
        new("norm", (Norm(a) ?? defaultNorm) == KnnNorm.Max ? "max" : "euclidean"),
        .. a.Has("standardize") ? [new KeyValuePair<string, object>("standardize", true)] : Array.Empty<KeyValuePair<string, object>>(),
    ];

    private static int K(ParsedArguments a) => a.GetInt("k", 1) ?? KnnOptions.DefaultK;

    private static KnnNorm? Norm(ParsedArguments a) => a.Get("norm") switch
    {
        null => null,
        "max" => KnnNorm.Max,
        "euclidean" => KnnNorm.Euclidean,
        var other => throw new UsageException($"--norm '{other}' is not a norm; accepted values: max, euclidean."),
    };
}
