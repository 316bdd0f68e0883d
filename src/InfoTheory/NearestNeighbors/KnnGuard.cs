using System.Runtime.CompilerServices;
using InfoTheory.Internal;

namespace InfoTheory.NearestNeighbors;

/// <summary>Input checks of the k-NN estimators; messages name the parameter, the value and the fix.</summary>
internal static class KnnGuard
{
    /// <summary>Finite values and more observations than neighbors (the k-th neighbor of a point excludes itself).</summary>
    public static void Usable(in Samples samples, int k, [CallerArgumentExpression(nameof(samples))] string? name = null)
    {
        if (samples.Count <= k)
        {
            throw new ArgumentException(
                $"k = {k} but {name} has {samples.Count} observation(s): the k-th neighbor of a point (itself excluded) needs N ≥ k + 1 = {(long)k + 1}. Use a smaller k or more samples.",
                nameof(k));
        }

        Guard.Usable(samples, 2, name);
    }

    /// <summary>Throws the duplicate-point error: a zero k-th neighbor distance would give log 0 = −∞.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowZeroDistance(string name, int observation, int k) =>
        throw new ArgumentException(
            $"{name}: observation {observation} has at least {k} exact duplicate(s), so its k-th neighbor distance is 0 and log 0 = −∞. " +
            $"Keep the default TieJitter ({KnnSettings.DefaultJitterText}), raise k above the largest number of repeats, or remove duplicate rows " +
            "(without exact duplicates, a zero distance means columns so far apart in scale that the smaller vanish in the norm: use Standardize).",
            name);
}
