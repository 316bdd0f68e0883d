using System.Reflection;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Shared;

/// <summary>
/// Guards the determinism rule of the suites: every FsCheck property replays the assembly's fixed seed, so the cases it
/// draws are the same on every run (linked into each test project that uses FsCheck).
/// </summary>
public sealed class PropertySeedTests
{
    [Fact]
    public void EveryPropertyReplaysAFixedSeed()
    {
        var assembly = typeof(PropertySeedTests).Assembly;
        var seed = assembly.GetCustomAttribute<PropertiesAttribute>();
        Assert.True(seed is not null && !string.IsNullOrWhiteSpace(seed.Replay), $"{assembly.GetName().Name} has no [assembly: Properties(Replay = ...)]");

        var properties = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<PropertyAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(properties);

        // A class-level [Properties] or a method-level Replay would replace the assembly's seed: allowed only with a seed.
        foreach (var method in properties)
        {
            var own = method.GetCustomAttribute<PropertyAttribute>()!;
            var declaring = method.DeclaringType!.GetCustomAttribute<PropertiesAttribute>();
            Assert.True(declaring is null || !string.IsNullOrWhiteSpace(declaring.Replay), $"{method.DeclaringType!.Name} sets [Properties] without Replay");
            Assert.True(own.Replay is null || own.Replay.Length > 0, $"{method.DeclaringType!.Name}.{method.Name} clears Replay");
        }
    }
}
