using System.Numerics.Tensors;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Principal component analysis as a compressor: E(x) = Wᵀ(x − μ) with W the n′ leading unit eigenvectors of the
/// sample covariance (divisor N − 1). The explained variances (all n eigenvalues, descending) are kept for the
/// Corollary-4 bound of Butakov et al. (ICLR 2024, arXiv:2305.08013) — see <see cref="CompressionBound"/>.
/// </summary>
/// <remarks>
/// Lossless when the data lie on an n′-dimensional affine subspace (E is then injective on the support and
/// I(E(X); Y) = I(X; Y)). The eigenvectors come from <see cref="SymmetricEigendecomposition"/>; each is signed so that
/// its largest-magnitude entry is positive (a deterministic choice). Cost O(N n² + n³). Thread-safe.
/// </remarks>
public sealed class PcaCompressor : ICompressor
{
    /// <summary>A PCA compressor with the given settings (default: 8 components, no standardisation, no noise).</summary>
    public PcaCompressor(PcaOptions? options = null) => Options = options ?? new PcaOptions();

    /// <summary>A PCA compressor keeping <paramref name="components"/> components.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="components"/> is less than 1.</exception>
    public PcaCompressor(int components)
        : this(new PcaOptions { Components = components })
    {
    }

    /// <summary>The settings.</summary>
    public PcaOptions Options { get; }

    /// <inheritdoc />
    public string Name => $"pca-{Options.Components}";

    /// <inheritdoc />
    IFittedCompressor ICompressor.Fit(Samples samples) => Fit(samples);

    /// <summary>Fits the principal components of <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, fewer than 2 rows, or fewer columns than <see cref="PcaOptions.Components"/>.</exception>
    public PcaCompression Fit(Samples samples)
    {
        Guard.Usable(samples, 2);
        int n = samples.Count, d = samples.Dimensions, k = Options.Components;
        if (k > d)
        {
            throw new ArgumentException(
                $"samples have {d} column(s) but Components = {k}; keep at most {d} components (or use the data as they are).", nameof(samples));
        }

        var data = samples.ToArray();
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Add(mean, data.AsSpan(i * d, d), mean);
        }

        TensorPrimitives.Multiply(mean, 1.0 / n, mean);
        for (int i = 0; i < n; i++)
        {
            var row = data.AsSpan(i * d, d);
            TensorPrimitives.Subtract(row, mean, row);
        }

        var scale = new double[d];
        Array.Fill(scale, 1.0);
        if (Options.Standardize)
        {
            for (int j = 0; j < d; j++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += data[i * d + j] * data[i * d + j];
                }

                s = Math.Sqrt(s / (n - 1));
                scale[j] = s > 0 ? 1 / s : 1;
            }

            for (int i = 0; i < n; i++)
            {
                var row = data.AsSpan(i * d, d);
                TensorPrimitives.Multiply(row, scale, row);
            }
        }

        var covariance = Covariance(data, n, d);
        var (values, vectors) = SymmetricEigendecomposition.Compute(covariance, d);
        var components = new double[k * d];
        for (int c = 0; c < k; c++)
        {
            var src = vectors.AsSpan(c * d, d);
            int arg = TensorPrimitives.IndexOfMaxMagnitude(src);
            double sign = src[arg] < 0 ? -1 : 1;
            TensorPrimitives.Multiply(src, sign, components.AsSpan(c * d, d));
        }

        // Round-off can leave tiny negative eigenvalues of a PSD matrix: clip them to 0 (variances are ≥ 0).
        for (int j = 0; j < d; j++)
        {
            values[j] = Math.Max(0, values[j]);
        }

        return new PcaCompression(mean, scale, components, k, d, values, Options.NoiseVariance);
    }

    /// <summary>Xᵀ X / (N − 1) of centred row-major data (lower triangle computed, mirrored).</summary>
    private static double[] Covariance(double[] data, int n, int d)
    {
        // Column-major copy so that each entry is one dot product of contiguous columns.
        var columns = new double[d * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                columns[j * n + i] = data[i * d + j];
            }
        }

        var c = new double[d * d];
        double inv = 1.0 / (n - 1);
        void Row(int a)
        {
            var ca = columns.AsSpan(a * n, n);
            for (int b = 0; b <= a; b++)
            {
                double v = TensorPrimitives.Dot(ca, columns.AsSpan(b * n, n)) * inv;
                c[a * d + b] = v;
                c[b * d + a] = v;
            }
        }

        if ((long)d * d * n >= 1 << 22)
        {
            Parallel.For(0, d, Row);
        }
        else
        {
            for (int a = 0; a < d; a++)
            {
                Row(a);
            }
        }

        return c;
    }
}

/// <summary>A fitted PCA: the mean, the kept components and every explained variance.</summary>
public sealed class PcaCompression : IFittedCompressor
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _components;

    internal PcaCompression(double[] mean, double[] scale, double[] components, int k, int d, double[] explainedVariances, double? noiseVariance)
    {
        _mean = mean;
        _scale = scale;
        _components = components;
        OutputDimensions = k;
        InputDimensions = d;
        ExplainedVariances = explainedVariances;
        NoiseVariance = noiseVariance;
    }

    /// <inheritdoc />
    public int InputDimensions { get; }

    /// <inheritdoc />
    public int OutputDimensions { get; }

    /// <summary>λ₁ ≥ … ≥ λₙ, the eigenvalues of the (standardised, if asked) sample covariance: the variance along each principal axis.</summary>
    public IReadOnlyList<double> ExplainedVariances { get; }

    /// <summary>The fraction of the total variance kept by the n′ components, Σ_{i≤n′} λᵢ / Σ λᵢ (1 when the total is 0).</summary>
    public double ExplainedVarianceRatio
    {
        get
        {
            double total = ExplainedVariances.Sum();
            return total > 0 ? ExplainedVariances.Take(OutputDimensions).Sum() / total : 1;
        }
    }

    /// <summary>σ² of the options, or null.</summary>
    public double? NoiseVariance { get; }

    /// <summary>The data mean μ (length n).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The components, row-major n′ × n: row c is the c-th unit principal axis.</summary>
    public ReadOnlySpan<double> Components => _components;

    /// <summary>
    /// The Corollary-4 bound on the information lost by this PCA when the data carry isotropic Gaussian noise of variance
    /// <see cref="NoiseVariance"/>, or null when no noise variance was given. See <see cref="CompressionBound.Pca"/>;
    /// the explained variances are taken as those of the noisy data (σ² is subtracted).
    /// </summary>
    public Information? LossBound => NoiseVariance is { } s2 ? CompressionBound.Pca(ExplainedVariances, OutputDimensions, s2, variancesIncludeNoise: true) : null;

    /// <inheritdoc />
    public Samples Encode(Samples samples)
    {
        if (samples.Dimensions != InputDimensions)
        {
            throw new ArgumentException(
                $"samples have {samples.Dimensions} column(s) but this PCA was fitted on {InputDimensions}; encode data of the same variable.", nameof(samples));
        }

        Guard.Finite(samples);
        int n = samples.Count, d = InputDimensions, k = OutputDimensions;
        var codes = new double[n * k];
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            samples.CopyRowTo(i, centred);
            TensorPrimitives.Subtract(centred, _mean, centred);
            TensorPrimitives.Multiply(centred, _scale, centred);
            for (int c = 0; c < k; c++)
            {
                codes[i * k + c] = TensorPrimitives.Dot(centred, _components.AsSpan(c * d, d));
            }
        }

        return new Samples(codes, k);
    }
}
