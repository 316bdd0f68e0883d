namespace InfoTheory.Cli.Commands;

/// <summary>One option of a command.</summary>
/// <param name="Name">The name without the leading dashes.</param>
/// <param name="Value">The placeholder of its value (e.g. <c>FILE</c>), or null for a flag.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Required">True when the command cannot run without it.</param>
internal sealed record OptionSpec(string Name, string? Value, string Help, bool Required = false);

/// <summary>A command: its name, help and options, and what it does with the parsed arguments.</summary>
/// <param name="Name">The command word.</param>
/// <param name="Summary">One line for the main help.</param>
/// <param name="Description">A few lines for the command's own help.</param>
/// <param name="Options">Every option the command accepts (anything else is an error).</param>
/// <param name="Run">Computes and writes the result; throws <see cref="UsageException"/> or <see cref="ArgumentException"/> on bad input,
/// and <see cref="OperationCanceledException"/> once the run's token is cancelled.</param>
internal sealed record CommandSpec(string Name, string Summary, string Description, IReadOnlyList<OptionSpec> Options,
    Action<ParsedArguments, TextWriter, RunContext> Run)
{
    /// <summary>The option with this name, or null.</summary>
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);
}

/// <summary>What a running command gets besides its options and stdout.</summary>
/// <param name="Cancellation">Cancelled by Ctrl+C (SIGINT) or SIGTERM: pass it to every long computation.</param>
/// <param name="Progress">Where the library's progress goes (stderr) when <c>--progress</c> was given, else null.</param>
internal sealed record RunContext(CancellationToken Cancellation, IProgress<EstimationProgress>? Progress = null);

/// <summary>The commands of the tool.</summary>
internal static class CommandCatalog
{
    /// <summary>Every command, in the order of the main help.</summary>
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        EntropyCommand.Spec,
        MiCommand.Spec,
        KlDivergenceCommand.Spec,
        MmiCommand.Spec,
        PidCommand.Spec,
        InfoPlaneCommand.Spec,
        BenchAccuracyCommand.Spec,
    ];

    /// <summary>The command with this name, or null.</summary>
    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
