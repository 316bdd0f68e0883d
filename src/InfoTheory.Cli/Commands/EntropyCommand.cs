using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory entropy --x FILE</c>: the entropy of one variable.</summary>
internal static class EntropyCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "entropy",
        "entropy H(X) of one variable",
        "Entropy of X: matrix-based Rényi α-entropy (Sanchez Giraldo et al. 2015; default), or a k-NN estimator (--estimator kl|wkl, nats inside, base e). Axis 0 of the file = observations; the other axes are flattened into one vector per observation.",
        [new("x", "FILE", "X: a .csv (one observation per row) or .npy file", Required: true), .. EstimatorOptions(mutualInformation: false)],
        Run);

    /// <summary>The shared options with the --estimator help for this quantity, plus the table estimators' options.</summary>
    internal static IReadOnlyList<OptionSpec> EstimatorOptions(bool mutualInformation) =>
    [
        .. CommonSettings.Options.Select(o => o.Name switch
        {
            "estimator" => o with { Help = ClassicalEstimators.EstimatorHelp(mutualInformation) },
            "device" => o with { Help = "renyi, kl, wkl, ksg, ksg2: " + o.Help },
            _ when ClassicalEstimators.RenyiOptions.Contains(o.Name) => o with { Help = "renyi: " + o.Help },
            _ => o,
        }),
        // The width scan is an MI option: the library scans I(X;Y) only.
        .. ClassicalEstimators.Options.Where(o => mutualInformation || o.Name != WidthScanOption.Name),
    ];

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        var estimator = ClassicalEstimators.Select(args, mutualInformation: false);
        if (estimator is null)
        {
            var settings = CommonSettings.Bind(args);
            var x = InputFiles.Read(args, "x", context);
            var estimate = Entropy.MatrixRenyi(x.ToSamples(), context.Within(settings.Renyi), context.Progress, context.Cancellation);
            ResultWriter.Write(stdout, settings, new EstimateReport("entropy", "H(X)", estimate, x.Count));
            return;
        }

        var output = OutputSettings.Bind(args);
        double? level = ClassicalEstimators.CiLevel(args);
        var settingsList = estimator.Settings(args);
        var data = InputFiles.Read(args, "x", context);
        context.Cancellation.ThrowIfCancellationRequested(); // the classical estimates are not interruptible
        var result = estimator.Entropy!(args, data.ToSamples(), context);
        ClassicalOutput.Write(context, output, new ClassicalReport("entropy", "H(X)", estimator.Name, result, data.Count, settingsList, level));
    }
}
