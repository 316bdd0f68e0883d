namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class FallTestTests
{
    /// <summary>
    /// A layer measured at <paramref name="mean"/>.Length steps with B parts: part b at step k = mean[k] + u_b + e_kb, with
    /// u_b ~ N(0, 0.1²) what part b's observations add at every step and e_kb ~ N(0, σ²) the rest; seeded.
    /// </summary>
    private static InformationSeries Series(double[] mean, int parts, double sigma, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var offsets = Enumerable.Range(0, parts).Select(_ => 0.1 * Normal()).ToArray();
        var series = new InformationSeries();
        for (int k = 0; k < mean.Length; k++)
        {
            double[] batches = [.. offsets.Select(u => mean[k] + u + (sigma * Normal()))];
            series.Add(new InformationRecord(k, 10 * k, "z", 5, mean[k] + (sigma * Normal()), 1)
            {
                InputInformationBand = InformationBand.Predict(mean[k], batches),
            });
        }

        return series;
    }

    [Fact]
    public void AHandWorkedSeriesGivesTheSplitHalfFallAndItsInterval()
    {
        // B = 4: parts 1 and 3 choose the peak, parts 0 and 2 measure. Odd parts' means over steps: 1, 3, 2 → peak at step 1.
        // Fall on part 0: 2.5 − 1.5 = 1; on part 2: 3.5 − 1.5 = 2 → mean 1.5, s_d = √0.5, se = 0.5, t₁(0.95) = 6.3138.
        double[][] parts = [[1, 2.5, 1.5], [1, 3, 2], [1, 3.5, 1.5], [1, 3, 2]];
        var series = new InformationSeries();
        for (int k = 0; k < 3; k++)
        {
            series.Add(new InformationRecord(0, k, "z", 5, 2, 1) { InputInformationBand = new InformationBand(0, 4, [.. parts.Select(p => p[k])]) });
        }

        var test = InformationPhases.Of(series, "z").FallTest!;
        Assert.Equal((4, 1), (test.Batches, test.PeakIteration));
        Assert.Equal(1.5, test.Fall, 12);
        Assert.Equal(0.5, test.StandardError, 12);
        Assert.Equal(1.5 - (6.313751514675 * 0.5), test.Low, 9);
        Assert.Equal(1.5 + (6.313751514675 * 0.5), test.High, 9);
        Assert.False(test.Significant); // one degree of freedom: too few parts to call a 1.5-bit fall real
        Assert.Null(InformationPhases.Of(series, "z", InformationQuantity.TargetInformation).FallTest); // no band of I(T;Y)
        Assert.Null(InformationPhases.Of(series, "z", InformationQuantity.Entropy).Compressed);
    }

    [Fact]
    public void ARealDropWellAboveTheNoiseIsDeclaredCompressed()
    {
        // Rises 1 → 3 over 10 steps, then falls to 2.6 over 10: a 0.4-bit drop against a step noise σ = 0.05, B = 8.
        double[] mean = [.. Enumerable.Range(0, 21).Select(k => k <= 10 ? 1 + (0.2 * k) : 3 - (0.04 * (k - 10)))];
        int declared = 0;
        for (int s = 0; s < 100; s++)
        {
            var phases = InformationPhases.Of(Series(mean, 8, 0.05, 7000 + s), "z", window: 3);
            Assert.InRange(phases.FallTest!.Fall, 0.25, 0.55);
            declared += phases.Compressed == true ? 1 : 0;
        }

        Assert.Equal(100, declared);
    }

    [Fact]
    public void AFlatNoisySeriesIsDeclaredCompressedAtTheNominalRate()
    {
        // 4,000 seeded flat series (20 steps, B = 8, σ = 0.05): the naive peak − end of the whole-probe values is ≥ 0 by
        // construction, but the split-half test calls a fall in 5 % of them: Binomial(4000, 0.05) = 200 ± 13.8, so 159…241
        // (±3σ) passes (measured: 201).
        double[] flat = [.. Enumerable.Repeat(2.0, 20)];
        int declared = 0;
        double naive = 0;
        for (int s = 0; s < 4000; s++)
        {
            var phases = InformationPhases.Of(Series(flat, 8, 0.05, 90_000 + s), "z", window: 2);
            declared += phases.Compressed == true ? 1 : 0;
            naive += phases.Fall;
        }

        Assert.InRange(declared, 159, 241);
        Assert.True(naive / 4000 > 0.02, $"the naive fall from the peak of noise is {naive / 4000} bits on average");
    }
}
