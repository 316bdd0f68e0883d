namespace InfoTheory.Cli.Reproduction;

/// <summary>The experiments <c>infotheory reproduce</c> knows, in the order of <c>reproduce --list</c> and of docs/reproduction.md.</summary>
internal static class ExperimentCatalog
{
    /// <summary>Every experiment.</summary>
    public static IReadOnlyList<Experiment> All { get; } =
    [
        new Experiments.AmaralCae(),
        new Experiments.InnVsAe(),
    ];

    /// <summary>The experiment with this name, or null.</summary>
    public static Experiment? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
