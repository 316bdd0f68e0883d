using System.Globalization;
using System.Text.Json;

namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>Inputs for the k-NN tests: the stored reference data and seeded Gaussian cases with closed forms.</summary>
internal static class KnnTestData
{
    public static readonly JsonElement Reference =
        JsonDocument.Parse(File.ReadAllText(TestData.ReferencePath(Path.Combine("knn", "knn-reference.json")))).RootElement;

    public static double Value(string name) => Reference.GetProperty(name).GetDouble();

    public static Samples Csv(string file)
    {
        var rows = File.ReadAllLines(TestData.ReferencePath(Path.Combine("knn", file)))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        return Samples.FromRows(rows);
    }

    /// <summary>
    /// X, Y each d-dimensional, coordinate pairs (Xᵢ, Yᵢ) correlated ρ and independent across i: I = −(d/2)·ln(1 − ρ²).
    /// </summary>
    public static (Samples X, Samples Y, double Mi) CorrelatedPairs(int n, int d, double rho, int seed)
    {
        var cov = new double[2 * d, 2 * d];
        for (int i = 0; i < 2 * d; i++)
        {
            cov[i, i] = 1;
        }

        for (int i = 0; i < d; i++)
        {
            cov[i, d + i] = cov[d + i, i] = rho;
        }

        var joint = new MultivariateNormal(new double[2 * d], cov).Sample(n, seed);
        return (Columns(joint, 0, d), Columns(joint, d, d), -0.5 * d * Math.Log(1 - rho * rho));
    }

    /// <summary>The BMI "dense" multinormal of Czyż et al. (NeurIPS 2023): every off-diagonal correlation 0.5.</summary>
    public static (Samples X, Samples Y, double Mi) Dense(int n, int dx, int dy, int seed)
    {
        int d = dx + dy;
        var cov = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                cov[i, j] = i == j ? 1 : 0.5;
            }
        }

        var normal = new MultivariateNormal(new double[d], cov);
        var joint = normal.Sample(n, seed);
        return (Columns(joint, 0, dx), Columns(joint, dx, dy), normal.MutualInformation(dx).Nats);
    }

    public static Samples Columns(Samples s, int start, int count)
    {
        var values = new double[s.Count * count];
        for (int i = 0; i < s.Count; i++)
        {
            for (int k = 0; k < count; k++)
            {
                values[i * count + k] = s[i, start + k];
            }
        }

        return new Samples(values, count);
    }

    public static Samples Map(Samples s, Func<double, double> f)
    {
        var values = s.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = f(values[i]);
        }

        return new Samples(values, s.Dimensions);
    }

    public static Samples Permute(Samples s, int seed)
    {
        var order = Enumerable.Range(0, s.Count).ToArray();
        new Random(seed).Shuffle(order);
        return s.Select(order);
    }
}
