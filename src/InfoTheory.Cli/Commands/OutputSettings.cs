namespace InfoTheory.Cli.Commands;

/// <summary>The output options every command shares: the unit and JSON or text.</summary>
/// <param name="Unit">The unit results are written in.</param>
/// <param name="Json">True for one JSON object instead of a human line.</param>
internal sealed record OutputSettings(InformationUnit Unit, bool Json)
{
    /// <summary>Reads --unit (bits by default) and --json.</summary>
    /// <exception cref="UsageException">An unknown unit.</exception>
    public static OutputSettings Bind(ParsedArguments args) => new(
        (args.Get("unit") ?? "bits") switch
        {
            "bits" => InformationUnit.Bits,
            "nats" => InformationUnit.Nats,
            var other => throw new UsageException($"--unit '{other}' is not a unit; accepted values: bits, nats."),
        },
        args.Has("json"));

    /// <summary>The unit's name as written in the output.</summary>
    public string UnitName => Unit == InformationUnit.Bits ? "bits" : "nats";
}
