using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Compression;

/// <summary>PCA compression: lossless on a subspace, the Corollary-4 bound on Gaussian cases, the compressed estimator.</summary>
public sealed class PcaCompressionTests
{
    /// <summary>X = A ξ + b in ℝ^D with ξ ∈ ℝ^K the latent of a Gaussian task (ξ, Y); returns (X, ξ, Y, true MI).</summary>
    private static (Samples X, Samples Latent, Samples Y, double Truth) Embedded(int k, int dimensions, int count, int seed)
    {
        var task = GaussianTask.WithMutualInformation(k, 2, 0.8);
        var s = task.Sample(count, seed);
        var random = new Random(seed + 100);
        var a = new double[dimensions * k];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = random.NextDouble() * 2 - 1;
        }

        var x = new double[count * dimensions];
        for (int i = 0; i < count; i++)
        {
            for (int r = 0; r < dimensions; r++)
            {
                double v = 3 + r; // an offset, so centring matters
                for (int c = 0; c < k; c++)
                {
                    v += a[r * k + c] * s.X[i, c];
                }

                x[i * dimensions + r] = v;
            }
        }

        return (new Samples(x, dimensions), s.X, s.Y, task.TrueMutualInformation.Nats);
    }

    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 50)]
    [InlineData(4, 256)]
    public void Lossless_OnASubspace_CompressedEqualsUncompressed(int k, int dimensions)
    {
        var (x, latent, y, truth) = Embedded(k, dimensions, 4000, k);
        var inner = new GaussianFitEstimator();
        var compressed = new CompressedMutualInformation(inner, new PcaCompressor(k)).Estimate(x, y);
        var direct = inner.Estimate(latent, y);
        // The codes are an invertible affine image of ξ, and the Gaussian fit is affine-invariant: equal up to round-off.
        Assert.Equal(direct.Value.Nats, compressed.Value.Nats, 8);
        // And both are within sampling noise of the truth (SE of the Gaussian-fit MI is ~√(k·2/N)/… ≪ 0.05 here).
        Assert.InRange(compressed.Value.Nats, truth - 0.05, truth + 0.05);
        // The discarded variance is round-off only.
        var variances = compressed.DiagnosticsAs<CompressionDiagnostics>().XExplainedVariances!;
        Assert.True(variances[k] < 1e-9 * variances[0], $"λ_{k + 1} = {variances[k]}");
        Assert.Equal(1, variances.Take(k).Sum() / variances.Sum(), 9);
        // The inner estimator's SE is passed on.
        Assert.Equal(direct.StandardError!.Value.Nats, compressed.StandardError!.Value.Nats, 12);
    }

    [Fact]
    public void ExplainedVariances_AreThePopulationEigenvalues()
    {
        // Independent coordinates with variances 9, 4, 1, 0.25: PCA's λ are those (sample noise ~1%).
        int n = 100_000;
        var random = new Random(3);
        double[] sd = [3, 2, 1, 0.5];
        var x = new double[n * 4];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                x[i * 4 + (3 - k)] = sd[k] * RandomDraws.StandardNormal(random);
            }
        }

        var pca = new PcaCompressor(2).Fit(new Samples(x, 4));
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(sd[k] * sd[k], pca.ExplainedVariances[k], 0.03 * sd[k] * sd[k]);
        }

        // The first axis is coordinate 3 (sign fixed positive), the second coordinate 2.
        Assert.Equal(1, pca.Components[3], 2);
        Assert.Equal(1, pca.Components[4 + 2], 2);
        var codes = pca.Encode(new Samples(new double[] { 0, 0, 0, 1 }, 4));
        Assert.Equal(1, codes[0, 0], 0.05);
    }

    [Theory]
    [InlineData(ImageShape.GaussianBlob, 16, 400)]
    [InlineData(ImageShape.Rectangle, 16, 2000)]
    [InlineData(ImageShape.GaussianBlob, 32, 5000)]
    public void Images_RankDeficientCovariances_Decompose(ImageShape shape, int side, int count)
    {
        // Image covariances have clusters of eigenvalues at round-off level (the QL iteration once failed to converge
        // on 32×32 blobs); the explained variances must still sum to the total variance and be ≥ 0.
        var x = new ImageTask(shape, side).Sample(count, 2).X;
        var pca = new PcaCompressor(8).Fit(x);
        double total = 0;
        for (int k = 0; k < x.Dimensions; k++)
        {
            double mean = 0, ss = 0;
            for (int i = 0; i < count; i++)
            {
                mean += x[i, k] / count;
            }

            for (int i = 0; i < count; i++)
            {
                ss += (x[i, k] - mean) * (x[i, k] - mean);
            }

            total += ss / (count - 1);
        }

        Assert.Equal(total, pca.ExplainedVariances.Sum(), 1e-9 * total);
        Assert.All(pca.ExplainedVariances, v => Assert.True(v >= 0));
        Assert.True(pca.ExplainedVarianceRatio > 0.5, $"8 components explain {pca.ExplainedVarianceRatio:P0}");
    }

    [Fact]
    public void Reuse_EncodesOtherSamplesOfTheSameVariable()
    {
        var (x, _, _, _) = Embedded(2, 8, 500, 1);
        var pca = new PcaCompressor(2).Fit(x);
        var first = pca.Encode(x.Select([0, 1, 2]));
        var again = pca.Encode(x).Select([0, 1, 2]);
        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.Throws<ArgumentException>(() => pca.Encode(new Samples(new double[9], 3)));
    }

    // ---- Corollary 4 (Butakov et al., ICLR 2024) on Gaussians, where both sides are closed forms ----

    [Property(MaxTest = 60)]
    public Property Corollary4_BoundHolds_OnGaussians(int seed, PositiveInt dim, PositiveInt kept, NormalFloat noise)
    {
        int n = 2 + dim.Get % 7, nPrime = 1 + kept.Get % (n - 1), m = 2;
        double sigma2 = 0.01 + Math.Abs(noise.Get) % 3;
        var random = new Random(seed);
        // Σ_X = L Lᵀ with varied scales; Y = B X + W, W ~ N(0, 0.5 I).
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                l[i, j] = (random.NextDouble() * 2 - 1) * (i == j ? 2 : 1);
            }

            l[i, i] += 0.1;
        }

        var sx = Mul(l, Transpose(l));
        var b = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[i, j] = random.NextDouble() * 2 - 1;
            }
        }

        var sy = Add(Mul(Mul(b, sx), Transpose(b)), Identity(m, 0.5));
        var sxy = Mul(sx, Transpose(b)); // Cov(X + Z, Y) = Σ_X Bᵀ
        var sxz = Add(sx, Identity(n, sigma2));
        double full = JointMi(sxz, sxy, sy);

        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                flat[i * n + j] = sx[i, j];
            }
        }

        var (lambda, vectors) = SymmetricEigendecomposition.Compute(flat, n);
        var p = new double[nPrime, n];
        for (int c = 0; c < nPrime; c++)
        {
            for (int j = 0; j < n; j++)
            {
                p[c, j] = vectors[c * n + j];
            }
        }

        // E(X + Z) = P(X + Z): Cov = P(Σ_X + σ²I)Pᵀ, Cov(E, Y) = P Σ_X Bᵀ.
        double compressed = JointMi(Mul(Mul(p, sxz), Transpose(p)), Mul(p, sxy), sy);
        double loss = full - compressed;
        double bound = CompressionBound.Pca(lambda, nPrime, sigma2).Nats;
        double tight = CompressionBound.PcaTight(lambda, nPrime, sigma2).Nats;
        return (loss >= -1e-9 && loss <= tight + 1e-9 && tight <= bound + 1e-12)
            .Label($"n={n} n'={nPrime} σ²={sigma2}: loss {loss}, tight {tight}, bound {bound}");
    }

    [Fact]
    public void LossBound_FromFittedNoisyData_ApproachesThePopulationBound()
    {
        // X = 4 independent coordinates with variances 4, 1, 0.25, 0.01, plus noise σ² = 0.1; keep 2 components.
        int count = 200_000;
        double sigma2 = 0.1;
        double[] variances = [4, 1, 0.25, 0.01];
        var random = new Random(5);
        var x = new double[count * 4];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                x[i * 4 + k] = Math.Sqrt(variances[k] + sigma2) * RandomDraws.StandardNormal(random);
            }
        }

        var pca = new PcaCompressor(new PcaOptions { Components = 2, NoiseVariance = sigma2 }).Fit(new Samples(x, 4));
        double expected = (4 - 2) / 2.0 * Math.Log(1 + 0.25 / sigma2);
        Assert.Equal(expected, pca.LossBound!.Value.Nats, 0.02);
        Assert.Null(new PcaCompressor(2).Fit(new Samples(x, 4)).LossBound);
        Assert.Equal(0, CompressionBound.Pca(variances, 4, 1).Nats);
    }

    [Fact]
    public void CompressedEstimator_ReportsTheBound_AndWorksThroughTheInterface()
    {
        var (x, _, y, _) = Embedded(2, 6, 1000, 3);
        var estimator = new CompressedMutualInformation(new GaussianFitEstimator(),
            new PcaCompressor(new PcaOptions { Components = 2, NoiseVariance = 0.01 }));
        var result = estimator.Estimate(x, y);
        var compression = result.DiagnosticsAs<CompressionDiagnostics>();
        Assert.NotNull(compression.LossBound);
        Assert.True(compression.LossBound!.Value.Nats < 1e-6, "data on a 2-D subspace: nothing beyond λ₂ to lose");
        Assert.Equal((2, 2), (compression.XCodeDimensions, compression.YCodeDimensions));
        IMutualInformationEstimator plain = estimator;
        Assert.Equal(result.Value.Nats, plain.Estimate(x, y).Value.Nats, 12);
    }

    [Fact]
    public void InnerWithoutStandardError_GivesNoStandardError()
    {
        var (x, _, y, _) = Embedded(2, 6, 100, 3);
        var result = new CompressedMutualInformation(new ConstantEstimator(), new PcaCompressor(2), new PcaCompressor(1)).Estimate(x, y);
        Assert.Null(result.StandardError);
        Assert.Equal(0.25, result.Value.Nats);
        Assert.Equal(1, result.DiagnosticsAs<CompressionDiagnostics>().YCodeDimensions);
        Assert.Null(result.DiagnosticsAs<CompressionDiagnostics>().Inner);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var (x, _, y, _) = Embedded(2, 6, 100, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcaOptions { Components = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcaOptions { NoiseVariance = -1 });
        var e = Assert.Throws<ArgumentException>(() => new PcaCompressor(7).Fit(x));
        Assert.Contains("at most 6", e.Message);
        Assert.Throws<ArgumentException>(() => new PcaCompressor(2).Fit(new Samples(new double[] { 1, double.NaN, 2, 3 }, 2)));
        Assert.Throws<ArgumentException>(() => new PcaCompressor(1).Fit(new Samples(new double[] { 1, 2 }, 2)));
        Assert.Throws<ArgumentException>(() => new CompressedMutualInformation(new ConstantEstimator(), null, null));
        Assert.Throws<ArgumentException>(() => new CompressedMutualInformation(new ConstantEstimator(), new PcaCompressor(2)).Estimate(x, y.Select([0, 1, 2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBound.Pca([1, 0.5], 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompressionBound.Pca([1, 0.5], 1, 0));
        Assert.Throws<ArgumentException>(() => CompressionBound.Pca([1, -0.5], 1, 1));
    }

    private static double JointMi(double[,] a, double[,] c, double[,] b)
    {
        int p = a.GetLength(0), q = b.GetLength(0);
        var joint = new double[p + q, p + q];
        for (int i = 0; i < p + q; i++)
        {
            for (int j = 0; j < p + q; j++)
            {
                joint[i, j] = i < p && j < p ? a[i, j]
                    : i >= p && j >= p ? b[i - p, j - p]
                    : i < p ? c[i, j - p] : c[j, i - p];
            }
        }

        // Symmetrise round-off before the closed form.
        for (int i = 0; i < p + q; i++)
        {
            for (int j = 0; j < i; j++)
            {
                joint[i, j] = joint[j, i] = 0.5 * (joint[i, j] + joint[j, i]);
            }
        }

        return new MultivariateNormal(new double[p + q], joint).MutualInformation(p).Nats;
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        int r = a.GetLength(0), k = a.GetLength(1), c = b.GetLength(1);
        var m = new double[r, c];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++)
                {
                    s += a[i, t] * b[t, j];
                }

                m[i, j] = s;
            }
        }

        return m;
    }

    private static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    private static double[,] Add(double[,] a, double[,] b)
    {
        var m = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                m[i, j] += b[i, j];
            }
        }

        return m;
    }

    private static double[,] Identity(int n, double scale)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            m[i, i] = scale;
        }

        return m;
    }
}
