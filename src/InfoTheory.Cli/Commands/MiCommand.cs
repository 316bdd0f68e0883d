using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory mi --x FILE --y FILE</c>: the mutual information of two variables.</summary>
internal static class MiCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "mi",
        "mutual information I(X;Y) of two variables",
        "Mutual information I(X;Y): matrix-based Rényi I = H(X) + H(Y) − H(X,Y) with σ per variable (default), KSG estimator 1 or 2 (--estimator ksg|ksg2, max-norm, k = 3 as in the paper and NPEET), k-NN entropies (kl|wkl), kde, bin, gaussian, or any of them on compressed variables (--estimator compressed --compressor pca|ae --components K --inner NAME). --width-factors 0.5,1,2 (renyi, kde) re-estimates with every kernel width times each factor: a value that moves with the factor is the width talking. Both files hold the same observations, one per row (axis 0), in the same order.",
        [
            new("x", "FILE", "X: a .csv or .npy file", Required: true),
            new("y", "FILE", "Y: a .csv or .npy file with the same observations", Required: true),
            .. EntropyCommand.EstimatorOptions(mutualInformation: true),
            .. CompressedEstimator.Options,
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        if (CompressedEstimator.Requested(args))
        {
            CompressedEstimator.Run(args, context);
            return;
        }

        var estimator = ClassicalEstimators.Select(args, mutualInformation: true);
        var factors = WidthScanOption.Parse(args);
        if (estimator is null)
        {
            var settings = CommonSettings.Bind(args);
            var x = InputFiles.Read(args, "x", context);
            var y = InputFiles.Read(args, "y", context);
            InputFiles.SameCount(x, "x", y, "y");
            var options = context.Within(settings.Renyi);
            var scan = factors is null ? null : WidthScanOption.Run(args, factors,
                f => new MatrixRenyiMutualInformation(options).EstimateAcrossWidths(x.ToSamples(), y.ToSamples(), f, context.Progress, context.Cancellation));
            var estimate = MutualInformation.MatrixRenyi(x.ToSamples(), y.ToSamples(), options, context.Progress, context.Cancellation);
            ResultWriter.Write(stdout, settings, new EstimateReport("mi", "I(X;Y)", estimate, x.Count) { WidthsAsArray = true, Scan = scan });
            return;
        }

        var output = OutputSettings.Bind(args);
        double? level = ClassicalEstimators.CiLevel(args);
        var settingsList = estimator.Settings(args);
        var xs = InputFiles.Read(args, "x", context);
        var ys = InputFiles.Read(args, "y", context);
        InputFiles.SameCount(xs, "x", ys, "y");
        context.Cancellation.ThrowIfCancellationRequested(); // the classical estimates are not interruptible
        var widthScan = factors is null ? null : WidthScanOption.Run(args, factors, f => (estimator.MutualInformationAcrossWidths
            ?? throw new InvalidOperationException($"{estimator.Name} accepts --{WidthScanOption.Name} but has no width scan."))(args, xs.ToSamples(), ys.ToSamples(), f, context));
        var result = estimator.MutualInformation!(args, xs.ToSamples(), ys.ToSamples(), context);
        ClassicalOutput.Write(context, output, new ClassicalReport("mi", "I(X;Y)", estimator.Name, result, xs.Count, settingsList, level) { Scan = widthScan });
    }
}
