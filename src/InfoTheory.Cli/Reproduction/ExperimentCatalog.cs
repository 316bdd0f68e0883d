namespace InfoTheory.Cli.Reproduction;

/// <summary>The experiments <c>infotheory reproduce</c> knows, in the order of <c>reproduce --list</c> and of docs/reproduction.md.</summary>
internal static class ExperimentCatalog
{
    /// <summary>Every experiment.</summary>
    public static IReadOnlyList<Experiment> All { get; } =
    [
        new Experiments.LeeJoExperiment(),
        new Experiments.LeeJoTenPercentExperiment(),
        new Experiments.LeeJoZooExperiment(),
        new Experiments.YuDpi(),
        new Experiments.YuFilters(),
        new Experiments.YuMip(),
        new Experiments.AmaralCae(),
        new Experiments.InnVsAe(),
        new Experiments.Butakov(),
    ];

    /// <summary>The experiment with this name, or null.</summary>
    public static Experiment? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
