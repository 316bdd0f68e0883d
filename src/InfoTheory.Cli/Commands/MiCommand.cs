using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory mi --x FILE --y FILE</c>: the mutual information of two variables.</summary>
internal static class MiCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "mi",
        "mutual information I(X;Y) of two variables",
        "Matrix-based Rényi mutual information I(X;Y) = H(X) + H(Y) − H(X,Y), σ chosen per variable. Both files hold the same observations, one per row (axis 0), in the same order.",
        [
            new("x", "FILE", "X: a .csv or .npy file", Required: true),
            new("y", "FILE", "Y: a .csv or .npy file with the same observations", Required: true),
            .. CommonSettings.Options,
        ],
        Run);

    private static void Run(ParsedArguments args, TextWriter stdout)
    {
        var settings = CommonSettings.Bind(args);
        var x = InputFiles.Read(args, "x");
        var y = InputFiles.Read(args, "y");
        InputFiles.SameCount(x, "x", y, "y");
        var estimate = MutualInformation.MatrixRenyi(x.ToSamples(), y.ToSamples(), settings.Renyi);
        ResultWriter.Write(stdout, settings, new EstimateReport("mi", "I(X;Y)", estimate, x.Count) { WidthsAsArray = true });
    }
}
