using System.Globalization;

namespace InfoTheory.Tests;

/// <summary>Seeded test inputs and small readers for the stored reference data.</summary>
internal static class TestData
{
    /// <summary>The estimate's diagnostics as <typeparamref name="T"/>; fails the test when they are of another family or absent.</summary>
    public static T DiagnosticsAs<T>(this InformationEstimate estimate)
        where T : EstimateDiagnostics => Assert.IsType<T>(estimate.Diagnostics);

    public static Samples Gaussian(int n, int d, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = scale * MultivariateNormal.StandardNormal(random);
        }

        return new Samples(values, d);
    }

    /// <summary>Y = tanh(X·W) + noise: dependent on X, not a copy of it.</summary>
    public static Samples Dependent(Samples x, int dy, int seed, double noise = 0.3)
    {
        var random = new Random(seed);
        var w = new double[x.Dimensions * dy];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = MultivariateNormal.StandardNormal(random);
        }

        var y = new double[x.Count * dy];
        for (int i = 0; i < x.Count; i++)
        {
            for (int k = 0; k < dy; k++)
            {
                double s = 0;
                for (int j = 0; j < x.Dimensions; j++)
                {
                    s += x[i, j] * w[j * dy + k];
                }

                y[i * dy + k] = Math.Tanh(s) + noise * MultivariateNormal.StandardNormal(random);
            }
        }

        return new Samples(y, dy);
    }

    public static FeatureMaps Layer(Samples x, int channels, int mapSize, int seed)
    {
        var random = new Random(seed);
        var values = new double[x.Count * channels * mapSize];
        var w = new double[x.Dimensions * channels * mapSize];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = MultivariateNormal.StandardNormal(random);
        }

        for (int i = 0; i < x.Count; i++)
        {
            for (int m = 0; m < channels * mapSize; m++)
            {
                double s = 0;
                for (int j = 0; j < x.Dimensions; j++)
                {
                    s += x[i, j] * w[j * channels * mapSize + m];
                }

                values[i * channels * mapSize + m] = Math.Max(0, s) + 0.1 * MultivariateNormal.StandardNormal(random);
            }
        }

        return new FeatureMaps(values, x.Count, channels, 1, mapSize);
    }

    public static string ReferencePath(string file) => Path.Combine(AppContext.BaseDirectory, "Reference", file);

    public static (double[] Values, int Rows, int Columns) ReadCsv(string file)
    {
        var lines = File.ReadAllLines(ReferencePath(file)).Where(l => l.Length > 0).ToArray();
        int columns = lines[0].Split(',').Length;
        var values = lines.SelectMany(l => l.Split(',')).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return (values, lines.Length, columns);
    }
}
