namespace InfoTheory.Tests.Synthetic;

/// <summary>
/// Image tasks at any true MI (the estimated-vs-true sweep of Butakov et al., ICLR 2024): the closed form of the truth,
/// the latent correlation behind it, naming, and that the marginal of X does not depend on the MI.
/// </summary>
public sealed class ImageSweepTests
{
    [Theory]
    [InlineData(ImageShape.GaussianBlob, 0.1)]
    [InlineData(ImageShape.GaussianBlob, 2.5)]
    [InlineData(ImageShape.GaussianBlob, 10)]
    [InlineData(ImageShape.Rectangle, 0.5)]
    [InlineData(ImageShape.Rectangle, 6)]
    public void TrueMi_IsTheClosedFormOfTheLatentCorrelation(ImageShape shape, double nats)
    {
        var task = new ImageTask(shape, 16, nats);
        double rho = task.LatentCorrelation;
        int k = task.LatentDimensions;
        // Independent check: k Gaussian pairs of correlation ρ carry −(k/2)·ln(1 − ρ²) nats (Cover & Thomas §8.5).
        Assert.Equal(nats, -k / 2.0 * Math.Log(1 - rho * rho), 9);
        Assert.Equal(nats, task.TrueMutualInformation.Nats, 12);
        // By hand at 2 pairs and ln 2 nats: ρ² = 1 − e^{−ln 2} = ½.
        Assert.Equal(Math.Sqrt(0.5), ImageTask.CorrelationFor(Math.Log(2), 2), 12);
    }

    [Fact]
    public void LatentCorrelation_IsWhatTheSamplesShow()
    {
        var task = new ImageTask(ImageShape.GaussianBlob, 16, 3.0);
        var latents = task.Latents.Sample(20_000, 7);
        for (int pair = 0; pair < 2; pair++)
        {
            double sxy = 0, sxx = 0, syy = 0;
            for (int i = 0; i < latents.X.Count; i++)
            {
                double a = latents.X[i, pair], b = latents.Y[i, pair];
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }

            // ρ = √(1 − e^{−3}) = 0.9748; the sample correlation's SE at N = 20,000 is (1 − ρ²)/√N ≈ 0.0004.
            Assert.Equal(task.LatentCorrelation, sxy / Math.Sqrt(sxx * syy), 2);
        }
    }

    [Fact]
    public void Sweep_ChangesOnlyTheDependence()
    {
        var sweep = SyntheticTasks.ImageSweep(ImageShape.GaussianBlob, 16, [0.5, 1, 4]);
        Assert.Equal([0.5, 1, 4], sweep.Select(t => t.TrueMutualInformation.Nats));
        Assert.Equal(["blobs-16x16-0.5nats", "blobs-16x16-1nats", "blobs-16x16-4nats"], sweep.Select(t => t.Name));
        // The same seed draws the same X images whatever the MI: ξ's marginal is N(0, I) in every task.
        var low = sweep[0].Sample(20, 3).X.ToArray();
        var high = sweep[2].Sample(20, 3).X.ToArray();
        Assert.Equal(low, high);
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticTasks.ImageSweep(ImageShape.Rectangle, 16, [1, 0]));
    }

    [Theory]
    [InlineData("blobs-16x16-2.5nats", ImageShape.GaussianBlob, 16, 2.5)]
    [InlineData("rects-32x32-0.25nats", ImageShape.Rectangle, 32, 0.25)]
    [InlineData("blobs-16x16-1nats", ImageShape.GaussianBlob, 16, 1)]
    public void Find_NamesImageTasksAtAnyMi(string name, ImageShape shape, int side, double nats)
    {
        var task = Assert.IsType<ImageTask>(SyntheticTasks.Find(name));
        Assert.Equal((shape, side, nats), (task.Shape, task.Side, task.TrueMutualInformation.Nats));
        Assert.Throws<ArgumentException>(() => SyntheticTasks.Find("blobs-16x32-1nats"));
        Assert.Throws<ArgumentException>(() => SyntheticTasks.Find("blobs-4x4-1nats"));
    }
}
