using System.Globalization;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// The options every command shares (estimator, α, kernel width, method, unit, output format), bound to library settings.
/// </summary>
/// <param name="Estimator">The estimator name (only <c>renyi</c> so far).</param>
/// <param name="Renyi">The matrix-Rényi settings: α, the bandwidth rule, the method and its tolerance, the backend.</param>
/// <param name="Unit">The unit results are written in.</param>
/// <param name="Json">True for one JSON object instead of a human line.</param>
internal sealed record CommonSettings(string Estimator, MatrixRenyiOptions Renyi, InformationUnit Unit, bool Json)
{
    /// <summary>The estimators <c>--estimator</c> accepts; later issues add more.</summary>
    public static IReadOnlyList<string> Estimators { get; } = ["renyi"];

    /// <summary>The options shared by every command, for their specs and help.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("estimator", "NAME", "the estimator: renyi (matrix-based Rényi α-entropy; default)"),
        new("alpha", "A", $"the order α > 0 (default {MatrixRenyiOptions.DefaultAlpha.ToString(CultureInfo.InvariantCulture)}; 2 is the fastest)"),
        new("sigma", "S", "a fixed Gaussian kernel width σ > 0 (excludes --bandwidth)"),
        new("bandwidth", "RULE", "how σ is chosen per variable: silverman (default), scott, median"),
        new("h", "H", $"silverman: σ = H·N^(-1/(4+d)) (default {Bandwidth.DefaultH})"),
        new("gamma", "G", $"scott: σ = G·N^(-1/(4+d)) (default {Bandwidth.DefaultGamma}; Lee & Jo)"),
        MethodOption.Spec,
        MethodOption.ToleranceSpec,
        new("unit", "UNIT", "bits (default) or nats"),
        new("json", null, "print one JSON object instead of a line of text"),
        DeviceOption.Spec,
        MemoryOption.Spec,
        new("progress", null, "renyi, kde: report progress on stderr (the Gram rows and eigenvalue columns; the KDE densities)"),
    ];

    /// <summary>Reads and checks the shared options.</summary>
    /// <exception cref="UsageException">An unknown estimator, rule or unit, a bad number, or conflicting options.</exception>
    public static CommonSettings Bind(ParsedArguments args)
    {
        string estimator = args.Get("estimator") ?? "renyi";
        if (!Estimators.Contains(estimator))
        {
            throw new UsageException($"--estimator '{estimator}' is not available; accepted values: {string.Join(", ", Estimators)}.");
        }

        double alpha = args.GetPositive("alpha", "the papers use 1.01 (near Shannon); 2 is the fastest.") ?? MatrixRenyiOptions.DefaultAlpha;
        double? sigma = args.GetPositive("sigma", "give the kernel width in the units of the data, e.g. --sigma 1.");
        double? h = args.GetPositive("h", "the papers use 5 for activations and 0.1 for gradients.");
        double? gamma = args.GetPositive("gamma", "Lee & Jo use 2.");
        string? rule = args.Get("bandwidth");
        Bandwidth bandwidth;
        if (sigma is { } fixedWidth)
        {
            if (rule is not null)
            {
                throw new UsageException("--sigma and --bandwidth exclude each other: --sigma fixes σ, --bandwidth picks a rule for it; give one of them.");
            }

            if (h is not null || gamma is not null)
            {
                throw new UsageException($"--{(h is not null ? "h" : "gamma")} sets a bandwidth rule's constant and has no effect with a fixed --sigma; drop one of them.");
            }

            bandwidth = Bandwidth.Fixed(fixedWidth);
        }
        else
        {
            switch (rule ?? "silverman")
            {
                case "silverman":
                    Forbid(gamma, "--gamma is the constant of --bandwidth scott; silverman takes --h.");
                    bandwidth = Bandwidth.Silverman(h ?? Bandwidth.DefaultH);
                    break;
                case "scott":
                    Forbid(h, "--h is the constant of --bandwidth silverman; scott takes --gamma.");
                    bandwidth = Bandwidth.Scott(gamma ?? Bandwidth.DefaultGamma);
                    break;
                case "median":
                    Forbid(h ?? gamma, $"--bandwidth median takes no parameter; drop --{(h is not null ? "h" : "gamma")}.");
                    bandwidth = Bandwidth.Median();
                    break;
                default:
                    throw new UsageException($"--bandwidth '{rule}' is not a rule; accepted values: silverman, scott, median (or give --sigma S).");
            }
        }

        var unit = (args.Get("unit") ?? "bits") switch
        {
            "bits" => InformationUnit.Bits,
            "nats" => InformationUnit.Nats,
            var other => throw new UsageException($"--unit '{other}' is not a unit; accepted values: bits, nats."),
        };

        var renyi = MethodOption.Apply(args, new MatrixRenyiOptions { Alpha = alpha, Bandwidth = bandwidth }, median: rule == "median");
        return new CommonSettings(estimator, renyi with { Backend = DeviceOption.Resolve(args.Get("device")) }, unit, args.Has("json"));

        static void Forbid(double? value, string message)
        {
            if (value is not null)
            {
                throw new UsageException(message);
            }
        }
    }

    /// <summary>The unit's name as written in the output.</summary>
    public string UnitName => Unit == InformationUnit.Bits ? "bits" : "nats";
}
