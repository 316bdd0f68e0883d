using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory entropy --x FILE</c>: the entropy of one variable.</summary>
internal static class EntropyCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "entropy",
        "entropy H(X) of one variable",
        "Matrix-based Rényi α-entropy of X (Sanchez Giraldo et al. 2015). Axis 0 of the file = observations; the other axes are flattened into one vector per observation.",
        [new("x", "FILE", "X: a .csv (one observation per row) or .npy file", Required: true), .. CommonSettings.Options],
        Run);

    private static void Run(ParsedArguments args, TextWriter stdout)
    {
        var settings = CommonSettings.Bind(args);
        var x = InputFiles.Read(args, "x");
        var estimate = Entropy.MatrixRenyi(x.ToSamples(), settings.Renyi);
        ResultWriter.Write(stdout, settings, new EstimateReport("entropy", "H(X)", estimate, x.Count));
    }
}
