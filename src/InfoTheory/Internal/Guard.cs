using System.Runtime.CompilerServices;

namespace InfoTheory.Internal;

/// <summary>
/// Input validation shared by every estimator. Each message names the parameter, the offending value and the fix.
/// </summary>
internal static class Guard
{
    /// <summary>Every value finite; else ArgumentException with the first bad observation and dimension.</summary>
    public static void Finite(in Samples samples, [CallerArgumentExpression(nameof(samples))] string? name = null)
    {
        int n = samples.Count, d = samples.Dimensions;
        if (samples.IsSinglePrecision)
        {
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < d; k++)
                {
                    double v = samples[i, k];
                    if (!double.IsFinite(v))
                    {
                        ThrowNonFinite(name, v, i, k);
                    }
                }
            }

            return;
        }

        var (data, offset, stride) = samples.Layout;
        var span = data.Span;
        for (int i = 0; i < n; i++)
        {
            var row = span.Slice(offset + i * stride, d);
            // Sum is NaN/Inf iff some element is (or the sum overflows); look closer only then.
            if (!double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(row)))
            {
                for (int k = 0; k < d; k++)
                {
                    if (!double.IsFinite(row[k]))
                    {
                        ThrowNonFinite(name, row[k], i, k);
                    }
                }
            }
        }
    }

    /// <summary>At least <paramref name="minimum"/> observations.</summary>
    public static void MinimumCount(in Samples samples, int minimum, [CallerArgumentExpression(nameof(samples))] string? name = null)
    {
        if (samples.Count < minimum)
        {
            throw new ArgumentException(
                $"{name} has {samples.Count} observation(s); this estimator needs at least {minimum}. Give more samples.", name);
        }
    }

    /// <summary>Finite values and at least <paramref name="minimum"/> observations.</summary>
    public static void Usable(in Samples samples, int minimum = 2, [CallerArgumentExpression(nameof(samples))] string? name = null)
    {
        MinimumCount(samples, minimum, name);
        Finite(samples, name);
    }

    /// <summary>Two variables describe the same observations.</summary>
    public static void SameCount(in Samples x, in Samples y,
        [CallerArgumentExpression(nameof(x))] string? xName = null, [CallerArgumentExpression(nameof(y))] string? yName = null)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException(
                $"{xName} has {x.Count} samples but {yName} has {y.Count}; both must describe the same observations.", yName);
        }
    }

    /// <summary>A finite value greater than zero.</summary>
    public static void Positive(double value, string fix, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be a finite number greater than 0; {fix}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNonFinite(string? name, double value, int observation, int dimension) =>
        throw new ArgumentException(
            $"{name} contains {(double.IsNaN(value) ? "NaN" : value.ToString(System.Globalization.CultureInfo.InvariantCulture))} at observation {observation}, dimension {dimension}; remove or impute it before estimating.",
            name);
}
