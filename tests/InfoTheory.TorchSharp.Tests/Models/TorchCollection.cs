namespace InfoTheory.TorchSharp.Tests.Models;

/// <summary>The test collection of the model tests: they run one after another (torch's global generator is process-wide).</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection
{
    public const string Name = "Torch models";
}
