using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>Shared plumbing of the neural estimators: validation, the seeded split, standardisation and the critic MLP.</summary>
internal static class NeuralData
{
    /// <summary>Checks (x, y) and returns row-major float copies, each column standardised with the training rows' mean and SD.</summary>
    public static (float[] X, float[] Y) Standardised(Samples x, Samples y, int[] trainRows)
    {
        return (Standardise(x, trainRows), Standardise(y, trainRows));
    }

    /// <summary>Validates two variables for a neural estimator (finite, same count, at least <paramref name="minimum"/> rows).</summary>
    public static void Validate(Samples x, Samples y, int minimum)
    {
        if (x.Count < minimum || y.Count < minimum)
        {
            throw new ArgumentException(
                $"x has {x.Count} and y has {y.Count} observations; this neural estimator needs at least {minimum} (it trains on one part and evaluates on the other). Give more samples.",
                x.Count < minimum ? nameof(x) : nameof(y));
        }

        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} samples but y has {y.Count}; both must describe the same observations.", nameof(y));
        }

        CheckFinite(x, nameof(x));
        CheckFinite(y, nameof(y));
    }

    /// <summary>Validates one variable (finite, at least <paramref name="minimum"/> rows).</summary>
    public static void ValidateOne(Samples samples, int minimum, string name)
    {
        if (samples.Count < minimum)
        {
            throw new ArgumentException($"{name} has {samples.Count} observation(s); at least {minimum} are needed. Give more samples.", name);
        }

        CheckFinite(samples, name);
    }

    /// <summary>A seeded random split: the first ⌈(1 − f)·N⌉ rows of a permutation train, the rest evaluate (all rows do both when f = 0).</summary>
    public static (int[] Train, int[] Test) Split(int count, double testFraction, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        if (testFraction == 0)
        {
            return (order, order);
        }

        int test = Math.Clamp((int)Math.Round(testFraction * count), 1, count - 1);
        return (order[..^test], order[^test..]);
    }

    /// <summary>
    /// Splits the training rows into rows to fit on and rows to validate on (the last ⌈f·n⌉, at least 2 when f &gt; 0);
    /// with f = 0 both are the training rows.
    /// </summary>
    public static (int[] Fit, int[] Validation) SplitValidation(int[] train, double fraction)
    {
        if (fraction == 0 || train.Length < 8)
        {
            return (train, train);
        }

        int v = Math.Clamp((int)Math.Ceiling(fraction * train.Length), 2, train.Length - 2);
        return (train[..^v], train[^v..]);
    }

    /// <summary>Detached copies of the parameters (for keeping the best-validated state).</summary>
    public static List<Tensor> Snapshot(IEnumerable<global::TorchSharp.Modules.Parameter> parameters)
    {
        using var noGrad = torch.no_grad();
        return parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
    }

    /// <summary>Copies a snapshot back into the parameters and frees it.</summary>
    public static void Restore(IEnumerable<global::TorchSharp.Modules.Parameter> parameters, List<Tensor> snapshot)
    {
        using var noGrad = torch.no_grad();
        foreach (var (p, saved) in parameters.Zip(snapshot))
        {
            p.copy_(saved);
        }

        Free(snapshot);
    }

    /// <summary>Disposes the tensors of a snapshot.</summary>
    public static void Free(List<Tensor>? snapshot)
    {
        foreach (var t in snapshot ?? [])
        {
            t.Dispose();
        }
    }

    /// <summary>Checks a fraction in [0, 1).</summary>
    public static double Fraction(double value, string name, string fix)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must lie in [0, 1); {fix}");
        }

        return value;
    }

    /// <summary>Rows of a row-major float matrix as an N × d float32 tensor.</summary>
    public static Tensor Rows(float[] values, int d, int[] rows)
    {
        var buffer = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(values, rows[i] * d, buffer, i * d, d);
        }

        return torch.tensor(buffer, [rows.Length, d]);
    }

    /// <summary>An MLP in → width → … → out with ReLU between layers (none after the last).</summary>
    public static global::TorchSharp.Modules.Sequential Mlp(long inFeatures, int width, int hiddenLayers, long outFeatures)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long prev = inFeatures;
        for (int i = 0; i < hiddenLayers; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(prev, width)));
            layers.Add(($"relu{i}", nn.ReLU()));
            prev = width;
        }

        layers.Add(("out", nn.Linear(prev, outFeatures)));
        return nn.Sequential(layers);
    }

    /// <summary>Column-standardised float copy of <paramref name="samples"/>, statistics from <paramref name="trainRows"/> (SD 0 → 1).</summary>
    public static float[] Standardise(Samples samples, int[] trainRows)
    {
        int n = samples.Count, d = samples.Dimensions;
        var mean = new double[d];
        var sd = new double[d];
        foreach (int i in trainRows)
        {
            for (int k = 0; k < d; k++)
            {
                mean[k] += samples[i, k];
            }
        }

        for (int k = 0; k < d; k++)
        {
            mean[k] /= trainRows.Length;
        }

        foreach (int i in trainRows)
        {
            for (int k = 0; k < d; k++)
            {
                double t = samples[i, k] - mean[k];
                sd[k] += t * t;
            }
        }

        for (int k = 0; k < d; k++)
        {
            sd[k] = Math.Sqrt(sd[k] / Math.Max(1, trainRows.Length - 1));
            sd[k] = sd[k] > 0 && double.IsFinite(sd[k]) ? sd[k] : 1;
        }

        var result = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                result[i * d + k] = (float)((samples[i, k] - mean[k]) / sd[k]);
            }
        }

        return result;
    }

    private static void CheckFinite(Samples samples, string name)
    {
        for (int i = 0; i < samples.Count; i++)
        {
            for (int k = 0; k < samples.Dimensions; k++)
            {
                double v = samples[i, k];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException(
                        $"{name} contains {v} at observation {i}, dimension {k}; remove or impute it before estimating.", name);
                }
            }
        }
    }

    /// <summary>Validates a positive integer setting.</summary>
    public static int AtLeast(int value, int minimum, string name, string fix)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be at least {minimum}; {fix}");
        }

        return value;
    }

    /// <summary>Validates a finite positive real setting.</summary>
    public static double Positive(double value, string name, string fix)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be a finite number greater than 0; {fix}");
        }

        return value;
    }
}
