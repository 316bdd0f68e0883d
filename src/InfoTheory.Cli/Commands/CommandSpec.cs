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
/// <param name="Run">Computes and writes the result to <see cref="CommandContext.Stdout"/>, and hands the estimate's warnings to
/// <see cref="CommandContext.Warn"/>; throws <see cref="UsageException"/> or <see cref="ArgumentException"/> on bad input,
/// and <see cref="OperationCanceledException"/> once <see cref="CommandContext.Cancellation"/> is cancelled.</param>
internal sealed record CommandSpec(string Name, string Summary, string Description, IReadOnlyList<OptionSpec> Options,
    Action<ParsedArguments, CommandContext> Run)
{
    /// <summary>
    /// The one word the command takes before or between its options (e.g. <c>reproduce NAME</c>), with its placeholder
    /// in <see cref="OptionSpec.Value"/>; null (default) when it takes none.
    /// </summary>
    public OptionSpec? Positional { get; init; }

    /// <summary>The option with this name, or null.</summary>
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name);
}

/// <summary>
/// What a running command gets besides its options: where the result goes (<see cref="Stdout"/>), where the warnings of
/// its estimate go (printed by the tool as <c>warning: …</c> lines on stderr only once the command has succeeded: a
/// failing command prints its one <c>error:</c> line and nothing else), the cancellation of the run and the progress sink.
/// </summary>
/// <param name="stdout">The result's writer.</param>
/// <param name="progress">Where the library's progress goes (stderr) when <c>--progress</c> was given, else null.</param>
/// <param name="cancellation">Cancelled by Ctrl+C (SIGINT) or SIGTERM: pass it to every long computation.</param>
internal sealed class CommandContext(TextWriter stdout, IProgress<EstimationProgress>? progress = null, CancellationToken cancellation = default)
{
    private readonly List<EstimateWarning> _warnings = [];

    /// <summary>
    /// What is left of the call's memory budget (<c>--max-memory</c>, 4 GiB by default): the input arrays take their share
    /// as they are read (<see cref="InputFiles"/>), and the estimate gets the rest (<see cref="Within"/>).
    /// </summary>
    public long MemoryLeft { get; private set; } = MatrixRenyiOptions.DefaultMaxMemoryBytes;

    /// <summary>Sets the call's budget (from <c>--max-memory</c>).</summary>
    public void SetMemoryBudget(long bytes) => MemoryLeft = bytes;

    /// <summary>Charges an input array to the budget.</summary>
    public void Charge(long bytes) => MemoryLeft = Math.Max(1, MemoryLeft - bytes);

    /// <summary>The matrix-Rényi settings with the rest of the call's budget.</summary>
    public MatrixRenyiOptions Within(MatrixRenyiOptions options) => options with { MaxMemoryBytes = MemoryLeft };

    /// <summary>The result's writer.</summary>
    public TextWriter Stdout { get; } = stdout;

    /// <summary>Cancelled by Ctrl+C (SIGINT) or SIGTERM.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>The progress sink, or null.</summary>
    public IProgress<EstimationProgress>? Progress { get; } = progress;

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
        ReproduceCommand.Spec,
        BenchAccuracyCommand.Spec,
    ];

    /// <summary>The command with this name, or null.</summary>
    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
