using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary><c>infotheory mmi --x FILE --layer FILE</c>: the multivariate MI between an input and a layer.</summary>
internal static class MmiCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "mmi",
        "multivariate MI I(X;{T1..TC}) between an input and a layer's feature maps",
        "Multivariate matrix-based Rényi MI between X and a layer (Yu et al. 2021, eq. 5). The layer file is N×C[×H×W]: axis 0 = observations, axis 1 = feature maps (an N×C file is C maps of size 1×1).",
        [
            new("x", "FILE", "X: a .csv or .npy file", Required: true),
            new("layer", "FILE", "the layer: a .csv (N×C) or .npy (N×C or N×C×H×W) file", Required: true),
            new("representation", "KIND", "maps (each feature map a variable; default) or tensor (the layer as one variable)"),
            .. CommonSettings.Options,
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        var settings = CommonSettings.Bind(args);
        var representation = (args.Get("representation") ?? "maps") switch
        {
            "maps" => LayerRepresentation.FeatureMaps,
            "tensor" => LayerRepresentation.WholeTensor,
            var other => throw new UsageException($"--representation '{other}' is not known; accepted values: maps, tensor."),
        };
        var x = InputFiles.Read(args, "x", context);
        var (layerArray, layer) = InputFiles.ReadLayer(args, "layer", context);
        InputFiles.SameCount(x, "x", layerArray, "layer");
        var estimate = MutualInformation.MatrixRenyiMultivariate(x.ToSamples(), layer, context.Within(settings.Renyi), representation, context.Progress, context.Cancellation);
        ResultWriter.Write(stdout, settings, new EstimateReport("mmi", "I(X;T)", estimate, x.Count)
        {
            WidthsAsArray = true,
            Representation = representation == LayerRepresentation.FeatureMaps ? "maps" : "tensor",
            Maps = layer.Channels,
        });
    }
}
