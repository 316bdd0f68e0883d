using System.Globalization;

namespace InfoTheory.Internal;

/// <summary>
/// The factors of a width scan (<see cref="MatrixRenyiMutualInformation.EstimateAcrossWidths"/>,
/// <see cref="KdeMutualInformation.EstimateAcrossWidths"/>): one rule for every estimator that has a kernel width.
/// </summary>
internal static class WidthFactors
{
    /// <summary>The smallest factor accepted.</summary>
    public const double Min = 1e-3;

    /// <summary>The largest factor accepted.</summary>
    public const double Max = 1e3;

    /// <summary>Checks that there is at least one factor and that each lies in [<see cref="Min"/>, <see cref="Max"/>].</summary>
    /// <exception cref="ArgumentNullException"><paramref name="factors"/> is null.</exception>
    /// <exception cref="ArgumentException">No factors, or one that is NaN, ≤ 0 or outside the range.</exception>
    public static void Require(IReadOnlyList<double> factors, string name)
    {
        ArgumentNullException.ThrowIfNull(factors, name);
        if (factors.Count == 0)
        {
            throw new ArgumentException($"{name} is empty; give at least one width factor, e.g. [0.5, 1, 2].", name);
        }

        for (int f = 0; f < factors.Count; f++)
        {
            if (!(factors[f] >= Min && factors[f] <= Max))
            {
                throw new ArgumentException(
                    $"{name}[{f}] = {factors[f].ToString(CultureInfo.InvariantCulture)} is not in [0.001, 1000]; a width factor multiplies the kernel width (σ, or a KDE's bandwidth factor h), so give a finite positive value such as 0.5 or 2.",
                    name);
            }
        }
    }
}
