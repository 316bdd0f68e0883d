using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory pid --x FILE --layer FILE</c>: the partial-information proxies of a layer.</summary>
internal static class PidCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "pid",
        "partial-information proxies (MMI, RST, WNRI) of a layer",
        "The PID proxies of Yu et al. (IEEE TNNLS 2021): MMI over all maps, mean RST (redundancy − synergy) and WNRI over pairs of feature maps, and their % forms. The layer file is N×C[×H×W] with C ≥ 2.",
        [
            new("x", "FILE", "X: a .csv or .npy file", Required: true),
            new("layer", "FILE", "the layer: a .csv (N×C) or .npy (N×C or N×C×H×W) file with at least 2 maps", Required: true),
            new("pairs", "all|N", "evaluate all C(C-1)/2 map pairs (default) or N pairs drawn at random"),
            new("seed", "S", "the seed of the pair sample (default 0)"),
            .. CommonSettings.Options,
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        var settings = CommonSettings.Bind(args);
        int? pairs = args.Get("pairs") is null or "all" ? null : args.GetInt("pairs", minimum: 1, alternatives: "'all'");
        int seed = args.GetInt("seed") ?? 0;
        var x = InputFiles.Read(args, "x", context);
        var (layerArray, layer) = InputFiles.ReadLayer(args, "layer", context, minimumMaps: 2);
        InputFiles.SameCount(x, "x", layerArray, "layer");
        var result = PartialInformation.Proxies(x.ToSamples(), layer, new PidOptions { Renyi = context.Within(settings.Renyi), Pairs = pairs, Seed = seed },
            context.Progress, context.Cancellation);
        ResultWriter.Write(stdout, settings, new PidReport(result, x.Count, layer.Channels));
    }
}
