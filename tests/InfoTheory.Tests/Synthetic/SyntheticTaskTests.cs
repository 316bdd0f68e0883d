using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Synthetic;

/// <summary>
/// The synthetic tasks: their true MI against independent computations and published BMI numbers, determinism per
/// seed, and the injectivity of the maps.
/// </summary>
public sealed class SyntheticTaskTests
{
    // BMI's published values (Czyż et al., NeurIPS 2023, arXiv:2306.11078, task table; 4 decimals).
    [Theory]
    [InlineData("1v1-normal-0.75", 0.4133)]
    [InlineData("dense-2x2", 0.2939)]
    [InlineData("dense-3x3", 0.4133)]
    [InlineData("dense-5x5", 0.5928)]
    [InlineData("student-1x1-dof1", 0.2242)]
    [InlineData("halfcube(dense-3x3)", 0.4133)]
    [InlineData("asinh(student-1x1-dof1)", 0.2242)]
    public void TrueMutualInformation_MatchesBmi(string name, double nats) =>
        Assert.Equal(nats, SyntheticTasks.Find(name).TrueMutualInformation.Nats, 4);

    [Fact]
    public void Dense_ClosedFormByHand()
    {
        // 2×2 with all off-diagonals 0.5: det Σ_X = 0.75, det Σ = (1 + 3·0.5)·0.5³ = 0.3125 → ½ ln(0.5625/0.3125).
        Assert.Equal(0.5 * Math.Log(0.5625 / 0.3125), GaussianTask.Dense(2, 2).TrueMutualInformation.Nats, 12);
        // 5×5: det Σ_X = 3·0.5⁴, det Σ = 5.5·0.5⁹.
        Assert.Equal(0.5 * Math.Log(3 * 3 * Math.Pow(0.5, 8) / (5.5 * Math.Pow(0.5, 9))), GaussianTask.Dense(5, 5).TrueMutualInformation.Nats, 12);
    }

    [Property(MaxTest = 50)]
    public Property WithMutualInformation_HitsTheTarget(PositiveInt m, PositiveInt n, NormalFloat raw)
    {
        int a = 1 + m.Get % 6, b = 1 + n.Get % 6;
        double nats = 0.01 + Math.Abs(raw.Get) % 5;
        var task = GaussianTask.WithMutualInformation(a, b, nats);
        return (Math.Abs(task.TrueMutualInformation.Nats - nats) < 1e-9).Label($"{a}x{b} {nats}: {task.TrueMutualInformation.Nats}");
    }

    // Student-t: scipy 1.10.1 (Python 3.11, /usr/bin/python3), dblquad of p·ln(p/(p_x p_y)) after x = tan a, y = tan b:
    // ν = 1, Σ = I, 1×1 → 0.22417145; ν = 3, ρ = 0.5, 1×1 → 0.18625244687650. The closed form must agree.
    [Fact]
    public void StudentT_MatchesNumericIntegral()
    {
        Assert.Equal(0.22417145, StudentTTask.Identity(1, 1, 1).TrueMutualInformation.Nats, 7);
        var correlated = new StudentTTask("t3", new[,] { { 1, 0.5 }, { 0.5, 1 } }, 1, 3);
        Assert.Equal(0.18625244687650, correlated.TrueMutualInformation.Nats, 10);
    }

    // The correction c(ν, m, n) for other sizes, from the same formula in scipy 1.10.1 (gammaln, digamma).
    [Theory]
    [InlineData(1, 2, 2, 0.4319456220014426)]
    [InlineData(2, 3, 3, 0.29092192268276407)]
    [InlineData(5, 5, 5, 0.165543397395004)]
    [InlineData(3, 1, 1, 0.04241141065056964)]
    public void StudentT_Correction_MatchesScipy(double nu, int m, int n, double expected) =>
        Assert.Equal(expected, StudentTTask.Correction(nu, m, n), 1e-11);

    [Fact]
    public void StudentT_SampleHasHeavyTailsAndTheRightScale()
    {
        // ν = 5: Var = ν/(ν−2) = 5/3 for unit dispersion; kurtosis excess 6/(ν−4) = 6 (so > 0 clearly).
        var s = StudentTTask.Identity(1, 1, 5).Sample(200_000, 3);
        var x = Enumerable.Range(0, s.X.Count).Select(i => s.X[i, 0]).ToArray();
        double var = x.Select(v => v * v).Average();
        Assert.InRange(var, 5.0 / 3 * 0.97, 5.0 / 3 * 1.03);
    }

    [Fact]
    public void Gaussian_SampleCovarianceMatchesTheTask()
    {
        var s = GaussianTask.OneVsOne(0.75).Sample(100_000, 11);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < s.X.Count; i++)
        {
            sxy += s.X[i, 0] * s.Y[i, 0];
            sxx += s.X[i, 0] * s.X[i, 0];
            syy += s.Y[i, 0] * s.Y[i, 0];
        }

        Assert.InRange(sxy / Math.Sqrt(sxx * syy), 0.74, 0.76);
    }

    public static TheoryData<string> TaskNames() => [.. SyntheticTasks.All().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Sample_IsDeterministicPerSeed_AndShaped(string name)
    {
        var task = SyntheticTasks.Find(name);
        var a = task.Sample(64, 5);
        var b = task.Sample(64, 5);
        var c = task.Sample(64, 6);
        Assert.Equal(a.X.ToArray(), b.X.ToArray());
        Assert.Equal(a.Y.ToArray(), b.Y.ToArray());
        Assert.NotEqual(a.X.ToArray(), c.X.ToArray());
        Assert.Equal((64, task.XDimensions), (a.X.Count, a.X.Dimensions));
        Assert.Equal((64, task.YDimensions), (a.Y.Count, a.Y.Dimensions));
        Assert.All(a.X.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(task.TrueMutualInformation, a.TrueMutualInformation);
    }

    [Fact]
    public void Names_AreUnique() => Assert.Equal(SyntheticTasks.All().Count, SyntheticTasks.All().Select(t => t.Name).Distinct().Count());

    // ---- maps ----

    public static TheoryData<string> MapNames() => ["halfcube", "asinh", "normalcdf", "spiral"];

    private static InjectiveMap Map(string name) => name switch
    {
        "halfcube" => InjectiveMap.HalfCube,
        "asinh" => InjectiveMap.Asinh,
        "normalcdf" => InjectiveMap.NormalCdf,
        _ => InjectiveMap.Spiral(),
    };

    [Theory]
    [MemberData(nameof(MapNames))]
    public void Maps_AreInvertible(string name)
    {
        var x = GaussianTask.Dense(3, 3).Sample(2000, 1).X;
        var map = Map(name);
        var y = map.Apply(x);
        var back = map.Invert(y);
        var a = x.ToArray();
        var b = back.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 1e-9 * (1 + Math.Abs(a[i])));
        }

        Assert.NotEqual(a, y.ToArray());
    }

    [Property(MaxTest = 200)]
    public Property ElementwiseMaps_AreStrictlyIncreasing(NormalFloat a, NormalFloat b)
    {
        double u = Math.Clamp(a.Get, -7, 7), v = Math.Clamp(b.Get, -7, 7);
        if (u == v)
        {
            return true.ToProperty();
        }

        (u, v) = (Math.Min(u, v), Math.Max(u, v));
        bool ok = true;
        foreach (var map in new[] { InjectiveMap.HalfCube, InjectiveMap.Asinh, InjectiveMap.NormalCdf })
        {
            var fx = map.Apply(new Samples(new[] { u, v }, 1));
            ok &= v - u < 1e-6 ? fx[0, 0] <= fx[1, 0] : fx[0, 0] < fx[1, 0];
        }

        return ok.Label($"{u} < {v}");
    }

    [Fact]
    public void Spiral_KeepsTheNorm_AndRotatesByTheSquaredNorm()
    {
        var x = new Samples(new[] { 1.0, 0, 2 }, 3);
        var y = InjectiveMap.Spiral(0.5).Apply(x);
        double theta = 0.5 * 5; // ‖x‖² = 5
        Assert.Equal(Math.Cos(theta), y[0, 0], 12);
        Assert.Equal(Math.Sin(theta), y[0, 1], 12);
        Assert.Equal(2, y[0, 2]);
    }

    // ---- images ----

    [Theory]
    [InlineData(ImageShape.GaussianBlob, 16)]
    [InlineData(ImageShape.GaussianBlob, 32)]
    [InlineData(ImageShape.Rectangle, 16)]
    [InlineData(ImageShape.Rectangle, 32)]
    public void Images_GiveTheirLatentsBack(ImageShape shape, int side)
    {
        // Injectivity, shown constructively: a decoder written here from the documented parameterisation recovers
        // u = Φ(ξ) from each image.
        var task = new ImageTask(shape, side, 1.0);
        var latents = task.Latents.Sample(50, 4).X;
        var images = task.Render(latents);
        for (int i = 0; i < latents.Count; i++)
        {
            var image = images.Row(i);
            double[] u = shape == ImageShape.GaussianBlob ? DecodeBlob(image, side) : DecodeRectangle(image, side);
            for (int k = 0; k < u.Length; k++)
            {
                Assert.Equal(Internal.NormalDistribution.Cdf(latents[i, k]), u[k], 1e-8);
            }
        }
    }

    [Fact]
    public void Images_TrueMiIsTheLatents()
    {
        var task = new ImageTask(ImageShape.Rectangle, 16, 0.7);
        Assert.Equal(0.7, task.TrueMutualInformation.Nats, 12);
        Assert.Equal(4, task.LatentDimensions);
        Assert.Equal(256, task.XDimensions);
    }

    private static double[] DecodeBlob(ReadOnlySpan<double> image, int side)
    {
        // ln I(r, c+1) − ln I(r, c) = −(2(c + ½ − cx) + 1)/(2s²) at the pixel row/column through the brightest pixel.
        double s = side / 8.0;
        int best = 0;
        for (int p = 1; p < image.Length; p++)
        {
            best = image[p] > image[best] ? p : best;
        }

        int r = best / side, c = Math.Min(best % side, side - 2), rr = Math.Min(r, side - 2);
        double dx = Math.Log(image[r * side + c + 1] / image[r * side + c]) * 2 * s * s;
        double cx = (dx + 1) / 2 + c + 0.5;
        double dy = Math.Log(image[(rr + 1) * side + best % side] / image[rr * side + best % side]) * 2 * s * s;
        double cy = (dy + 1) / 2 + rr + 0.5;
        return [(cx - side / 4.0) / (side / 2.0), (cy - side / 4.0) / (side / 2.0)];
    }

    private static double[] DecodeRectangle(ReadOnlySpan<double> image, int side)
    {
        // Column and row coverage profiles; the first partially/fully covered cell gives the edge.
        var col = new double[side];
        var row = new double[side];
        double max = 0;
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                max = Math.Max(max, image[r * side + c]);
            }
        }

        // The profiles through an interior row/column (fully covered in the other direction).
        int mid = side / 2;
        for (int c = 0; c < side; c++)
        {
            col[c] = image[mid * side + c];
        }

        for (int r = 0; r < side; r++)
        {
            row[r] = image[r * side + mid];
        }

        double half = side / 2.0, span = half - 2;
        (double a, double b) Edges(double[] p)
        {
            int first = Array.FindIndex(p, v => v > 0), last = Array.FindLastIndex(p, v => v > 0);
            return (first + 1 - p[first], last + p[last]);
        }

        var (x0, x1) = Edges(col);
        var (y0, y1) = Edges(row);
        return [(x0 - 1) / span, (x1 - half - 1) / span, (y0 - 1) / span, (y1 - half - 1) / span];
    }

    // ---- bad input ----

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianTask.OneVsOne(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianTask.Dense(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianTask.Dense(2, 2, -0.5));
        Assert.Throws<ArgumentException>(() => GaussianTask.Canonical(1, 1, [0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianTask.WithMutualInformation(2, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTTask.Identity(1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageTask(ImageShape.Rectangle, 4));
        Assert.Throws<ArgumentException>(() => new TransformedTask(GaussianTask.OneVsOne(), InjectiveMap.Spiral()));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianTask.OneVsOne().Sample(0, 1));
        var e = Assert.Throws<ArgumentException>(() => SyntheticTasks.Find("nope"));
        Assert.Contains("dense-3x3", e.Message);
    }
}
