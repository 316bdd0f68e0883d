using InfoTheory.Cli.Output;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>mi --estimator compressed</c>: compress each variable (PCA or an autoencoder) and run one of the table's MI
/// estimators on the codes (Butakov et al., ICLR 2024, arXiv:2305.08013). With PCA and <c>--noise-variance</c>, the
/// Corollary-4 bound on what the compression can lose is reported as <c>bound</c>.
/// </summary>
internal static class CompressedEstimator
{
    /// <summary>The value of <c>--estimator</c> that selects it.</summary>
    public const string Name = "compressed";

    /// <summary>Its own options (the inner estimator's options come from the table).</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("compressor", "NAME", $"compressed: pca (default) or ae (a dense autoencoder, {AutoencoderCompressorOptions.DefaultEpochs} epochs)"),
        new("components", "K", "compressed: the code size per variable (variables of ≤ K columns are left as they are)"),
        new("inner", "NAME", "compressed: the MI estimator on the codes: ksg (default), ksg2, kl, wkl, kde, bin, gaussian"),
        new("noise-variance", "S2", "compressed, pca: σ² of the Gaussian noise in X + Z, for the Corollary-4 bound (reported as bound)"),
        new("seed", "S", "compressed, ae: the autoencoder's seed (default 0)"),
    ];

    private static readonly string[] OwnNames = ["compressor", "components", "inner", "noise-variance", "seed"];

    /// <summary>Whether the arguments ask for it; its options without it are a usage error.</summary>
    /// <exception cref="UsageException">A compressed-only option given with another estimator.</exception>
    public static bool Requested(ParsedArguments args)
    {
        if (args.Get("estimator") == Name)
        {
            return true;
        }

        foreach (string option in OwnNames)
        {
            if (args.Has(option))
            {
                throw new UsageException($"--{option} is an option of --estimator compressed.");
            }
        }

        return false;
    }

    /// <summary>Runs <c>mi --estimator compressed</c>.</summary>
    /// <exception cref="UsageException">Missing or bad options.</exception>
    public static void Run(ParsedArguments args, CommandContext context)
    {
        if (args.Has(WidthScanOption.Name))
        {
            throw new UsageException($"--{WidthScanOption.Name} does not apply to --estimator compressed; scan the width of renyi or kde on the variables themselves.");
        }

        int components = args.GetInt("components", 1)
            ?? throw new UsageException("--estimator compressed needs --components K, the code size per variable (e.g. the data's intrinsic dimension).");
        string innerName = args.Get("inner") ?? "ksg";
        var inner = ClassicalEstimators.All.FirstOrDefault(e => e.Name == innerName && e.MutualInformation is not null)
            ?? throw new UsageException(
                $"--inner '{innerName}' is not an MI estimator; accepted values: {string.Join(", ", ClassicalEstimators.All.Where(e => e.MutualInformation is not null).Select(e => e.Name))}.");
        foreach (string option in ClassicalEstimators.RenyiOptions.Concat(ClassicalEstimators.Options.Select(o => o.Name)))
        {
            if (args.Has(option) && !inner.Options.Contains(option))
            {
                throw new UsageException($"--{option} does not apply to --inner {innerName}.");
            }
        }

        string compressorName = args.Get("compressor") ?? "pca";
        double? noiseVariance = args.GetPositive("noise-variance", "give the variance σ² of the noise added to X, e.g. --noise-variance 0.01.");
        int seed = args.GetInt("seed") ?? 0;
        if (args.Has("seed") && compressorName != "ae")
        {
            throw new UsageException($"--seed sets the autoencoder's initialisation; it does not apply to --compressor {compressorName}, which is deterministic.");
        }

        Func<ICompressor> make = compressorName switch
        {
            "pca" => () => new PcaCompressor(new PcaOptions { Components = components, NoiseVariance = noiseVariance }),
            "ae" when noiseVariance is null => () => new AutoencoderCompressor(new AutoencoderCompressorOptions { CodeSize = components, Seed = seed }),
            "ae" => throw new UsageException("--noise-variance gives the PCA bound; it does not apply to --compressor ae."),
            _ => throw new UsageException($"--compressor '{compressorName}' is not a compressor; accepted values: pca, ae."),
        };

        var output = OutputSettings.Bind(args);
        double? level = ClassicalEstimators.CiLevel(args);
        var xs = InputFiles.Read(args, "x", context);
        var ys = InputFiles.Read(args, "y", context);
        InputFiles.SameCount(xs, "x", ys, "y");
        var x = xs.ToSamples();
        var y = ys.ToSamples();
        var estimator = new CompressedMutualInformation(inner.BindMutualInformation(args, context),
            x.Dimensions > components ? make() : null, y.Dimensions > components ? make() : null);
        var result = estimator.Estimate(x, y, context.Cancellation);
        var compression = (CompressionDiagnostics)result.Diagnostics!;
        var settings = new List<KeyValuePair<string, object>>
        {
            new("inner", innerName),
            new("compressor", compressorName),
            new("components", components),
            new("x_code", compression.XCodeDimensions),
            new("y_code", compression.YCodeDimensions),
        };
        settings.AddRange(inner.Settings(args));
        if (compression.LossBound is { } bound)
        {
            settings.Add(new("bound", bound.In(output.Unit)));
        }

        ClassicalOutput.Write(context, output, new ClassicalReport("mi", "I(X;Y)", Name, result, xs.Count, settings, level));
    }
}
