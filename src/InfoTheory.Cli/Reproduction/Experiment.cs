namespace InfoTheory.Cli.Reproduction;

/// <summary>
/// One of a seed paper's experiments, re-run by <c>infotheory reproduce NAME</c>: it sets up the paper's architecture,
/// optimiser, data, probe, measurement schedule and estimator quantities, trains, measures, and records on the
/// <see cref="ExperimentRun"/> every setting (ours beside the paper's), every forced difference, the figures, and each
/// claim of the paper it tests with a verdict computed from the run by a rule written beside the claim.
/// </summary>
/// <remarks>
/// An experiment is deterministic for a given seed, machine and thread count (every random draw comes from
/// <see cref="ExperimentRun.Seed"/>). Its default size finishes within 15 minutes on 2 cores; with
/// <see cref="ExperimentRun.Quick"/> within 1 minute (smaller data, fewer epochs: the verdicts are then computed all
/// the same, but the report says that a quick run decides nothing).
/// </remarks>
internal abstract class Experiment
{
    /// <summary>The command-line name, e.g. <c>lee-jo</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what is re-run.</summary>
    public abstract string Title { get; }

    /// <summary>The paper whose experiment this is.</summary>
    public abstract Paper Paper { get; }

    /// <summary>Trains, measures and records everything on <paramref name="run"/>.</summary>
    /// <param name="run">Settings of the run and the report being written.</param>
    /// <exception cref="OperationCanceledException">The run's token was cancelled.</exception>
    public abstract void Run(ExperimentRun run);
}

/// <summary>A paper, as the reports cite it.</summary>
/// <param name="Citation">Authors, title, venue and year.</param>
/// <param name="Doi">The DOI (or arXiv id), without a resolver prefix.</param>
/// <param name="Code">The authors' own code, when public (e.g. <c>github.com/Sungyeop/IPRL</c>), else null.</param>
internal sealed record Paper(string Citation, string Doi, string? Code = null);
