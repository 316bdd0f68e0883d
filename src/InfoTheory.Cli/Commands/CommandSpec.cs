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
/// <param name="Run">Computes and writes the result to <see cref="CommandOutput.Stdout"/>, and hands the estimate's warnings to
/// <see cref="CommandOutput.Warn"/>; throws <see cref="UsageException"/> or <see cref="ArgumentException"/> on bad input.</param>
internal sealed record CommandSpec(string Name, string Summary, string Description, IReadOnlyList<OptionSpec> Options,
    Action<ParsedArguments, CommandOutput> Run)
{
    /// <summary>The option with this name, or null.</summary>
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);
}

/// <summary>
/// Where a command writes: the result on <see cref="Stdout"/>, and the warnings of its estimate, which the tool prints
/// as <c>warning: …</c> lines on stderr only once the command has succeeded (a failing command prints its one
/// <c>error:</c> line and nothing else).
/// </summary>
/// <param name="stdout">The result's writer.</param>
internal sealed class CommandOutput(TextWriter stdout)
{
    private readonly List<EstimateWarning> _warnings = [];

    /// <summary>The result's writer.</summary>
    public TextWriter Stdout { get; } = stdout;

    /// <summary>The warnings handed over so far, in order.</summary>
    public IReadOnlyList<EstimateWarning> Warnings => _warnings;

    /// <summary>Records warnings to print after the result.</summary>
    public void Warn(IEnumerable<EstimateWarning> warnings) => _warnings.AddRange(warnings);
}

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
