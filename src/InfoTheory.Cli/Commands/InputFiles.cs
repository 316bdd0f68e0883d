namespace InfoTheory.Cli.Commands;

/// <summary>
/// Reads the data files named by options and checks what the estimators need, so errors name the option and the file
/// rather than an internal parameter.
/// </summary>
internal static class InputFiles
{
    /// <summary>
    /// Reads the file given to <c>--<paramref name="option"/></c> (at least 2 observations) within what is left of the
    /// call's memory budget, and charges its array to it.
    /// </summary>
    /// <exception cref="UsageException">The file is missing, unreadable, malformed, too small or over the budget.</exception>
    public static NumericArray Read(ParsedArguments args, string option, CommandContext context)
    {
        string path = args.Require(option);
        NumericArray array;
        try
        {
            array = NumericFile.Read(path, context.MemoryLeft);
            context.Charge((long)array.Values.Length * sizeof(double));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--{option}: {Cli.OneLine(e)}", e);
        }

        if (array.Count < 2)
        {
            throw new UsageException(
                $"--{option}: {path} has {array.Count} observation{(array.Count == 1 ? "" : "s")} (shape {array.ShapeText}); the estimators need at least 2, one per row (axis 0).");
        }

        return array;
    }

    /// <summary>Reads a layer file: axis 0 = observations, axis 1 = feature maps, at least <paramref name="minimumMaps"/> maps.</summary>
    /// <exception cref="UsageException">As <see cref="Read"/>, or the file has no feature-map axis or too few maps.</exception>
    public static (NumericArray Array, FeatureMaps Maps) ReadLayer(ParsedArguments args, string option, CommandContext context, int minimumMaps = 1)
    {
        var array = Read(args, option, context);
        if (array.Rank < 2)
        {
            throw new UsageException(
                $"--{option}: {array.Source} has shape {array.ShapeText}, but a layer needs axes N × C [× H × W] (observations × feature maps); save it as N×C or N×C×H×W.");
        }

        var maps = array.ToFeatureMaps();
        if (maps.Channels < minimumMaps)
        {
            throw new UsageException(
                $"--{option}: {array.Source} has {maps.Channels} feature map{(maps.Channels == 1 ? "" : "s")} (shape {array.ShapeText}); '{args.Command.Name}' needs at least {minimumMaps} maps on axis 1.");
        }

        return (array, maps);
    }

    /// <summary>Checks that two files hold the same number of observations.</summary>
    /// <exception cref="UsageException">The counts differ.</exception>
    public static void SameCount(NumericArray first, string firstOption, NumericArray second, string secondOption)
    {
        if (first.Count != second.Count)
        {
            throw new UsageException(
                $"--{firstOption} {first.Source} has {first.Count} observations but --{secondOption} {second.Source} has {second.Count}; both files must hold the same observations, one per row, in the same order.");
        }
    }
}
