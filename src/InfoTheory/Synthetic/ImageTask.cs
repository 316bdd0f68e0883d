using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The shape drawn by an <see cref="ImageTask"/>.</summary>
public enum ImageShape
{
    /// <summary>A 2-D Gaussian blob whose centre carries two latents.</summary>
    GaussianBlob,

    /// <summary>An axis-aligned rectangle whose four edges carry four latents.</summary>
    Rectangle,
}

/// <summary>
/// High-dimensional data with known mutual information: side×side grey images whose shape parameters carry
/// correlated Gaussian latents, after Butakov et al., "Information Bottleneck Analysis of Deep Neural Networks via
/// Lossy Compression", ICLR 2024 (arXiv:2305.08013), §6. X = image(ξ), Y = image(η) with (ξ, η) Gaussian of known
/// I(ξ; η); the renderer is injective and smooth, so I(X; Y) = I(ξ; η).
/// </summary>
/// <remarks>
/// <para>Latents: (ξ, η) ∈ ℝᵏ × ℝᵏ from <see cref="GaussianTask.WithMutualInformation"/> (k independent pairs, each with
/// correlation √(1 − e^{−2I/k})), k = 2 for blobs and 4 for rectangles; each coordinate goes through the standard normal
/// CDF, u = Φ(ξ) ∈ (0, 1)ᵏ. Pixel (r, c) covers [c, c+1] × [r, r+1] in image units (x right, y down). Pixels are row-major.</para>
/// <para>Gaussian blob: centre (c_x, c_y) = (S/4 + u₀·S/2, S/4 + u₁·S/2), width s = S/8 pixels, pixel value
/// exp(−((c + ½ − c_x)² + (r + ½ − c_y)²)/(2s²)). Injective: the log-ratio of horizontally adjacent pixels is linear in c_x
/// (and vertically in c_y), so the centre can be read back exactly.</para>
/// <para>Rectangle: x₀ = 1 + u₀·(S/2 − 2), x₁ = S/2 + 1 + u₁·(S/2 − 2), y₀ = 1 + u₂·(S/2 − 2), y₁ = S/2 + 1 + u₃·(S/2 − 2);
/// each pixel holds the area of its overlap with [x₀, x₁] × [y₀, y₁] (box-filtered, anti-aliased rendering). The left
/// edge lies in the left half and the right edge in the right half, so the partial coverage of the edge columns and
/// rows gives all four edges back: the map is injective (and piecewise linear, hence Lipschitz) — a hard 0/1 rectangle
/// would quantise the latents and lose information.</para>
/// <para>These constants are ours; Butakov et al. describe the idea (shape parameters from Gaussian latents through
/// smooth injective maps, 16×16 and 32×32 images) without fixing them, so numbers are comparable in kind, not digit for digit.</para>
/// </remarks>
public sealed class ImageTask : ISyntheticTask
{
    private readonly GaussianTask _latents;

    /// <summary>An image task.</summary>
    /// <param name="shape">Blobs (2 latents per image) or rectangles (4).</param>
    /// <param name="side">Image side S in pixels (8 to 256; the papers use 16 and 32).</param>
    /// <param name="nats">I(X; Y) in nats (&gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">The side or the information is out of range.</exception>
    public ImageTask(ImageShape shape, int side, double nats = 1.0)
    {
        if (side < 8 || side > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, $"side = {side}; use an image side between 8 and 256 pixels (the papers use 16 and 32).");
        }

        EnumGuard.Defined(shape);

        Shape = shape;
        Side = side;
        LatentDimensions = shape == ImageShape.GaussianBlob ? 2 : 4;
        _latents = GaussianTask.WithMutualInformation(LatentDimensions, LatentDimensions, nats);
        TrueMutualInformation = Information.FromNats(nats);
        Name = $"{(shape == ImageShape.GaussianBlob ? "blobs" : "rects")}-{side}x{side}-{GaussianTask.F(nats)}nats";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The shape drawn.</summary>
    public ImageShape Shape { get; }

    /// <summary>The image side S in pixels.</summary>
    public int Side { get; }

    /// <summary>k, the number of Gaussian latents behind one image (2 for blobs, 4 for rectangles).</summary>
    public int LatentDimensions { get; }

    /// <summary>
    /// ρ, the correlation of each of the k latent pairs (ξᵢ, ηᵢ): √(1 − e^{−2I/k}), so that the closed form
    /// I(X; Y) = I(ξ; η) = −(k/2)·ln(1 − ρ²) gives back the requested nats exactly.
    /// </summary>
    public double LatentCorrelation => CorrelationFor(TrueMutualInformation.Nats, LatentDimensions);

    /// <summary>The per-pair correlation ρ = √(1 − e^{−2I/k}) that gives k independent Gaussian pairs I nats in all.</summary>
    /// <param name="nats">I in nats (&gt; 0).</param>
    /// <param name="pairs">k, the number of pairs (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static double CorrelationFor(double nats, int pairs)
    {
        Internal.Guard.Positive(nats, "give the wanted mutual information in nats, e.g. 1.");
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        return Math.Sqrt(1 - Math.Exp(-2 * nats / pairs));
    }

    /// <summary>The latent task (ξ, η).</summary>
    public GaussianTask Latents => _latents;

    /// <inheritdoc />
    public int XDimensions => Side * Side;

    /// <inheritdoc />
    public int YDimensions => Side * Side;

    /// <inheritdoc />
    /// <remarks>Exactly the requested value: k pairs of correlation ρ carry −(k/2)·ln(1 − ρ²) = I nats in closed form (the
    /// latents' determinant formula agrees to rounding, ~1e-15 relative).</remarks>
    public Information TrueMutualInformation { get; }

    /// <inheritdoc />
    public SyntheticSample Sample(int count, int seed)
    {
        var latent = _latents.Sample(count, seed);
        return new SyntheticSample(Render(latent.X), Render(latent.Y), TrueMutualInformation);
    }

    /// <summary>The images of latent rows ξ (count × k Gaussian latents), count × S² pixels.</summary>
    /// <exception cref="ArgumentException">The latents do not have k columns or are not finite.</exception>
    public Samples Render(Samples latents)
    {
        if (latents.Dimensions != LatentDimensions)
        {
            throw new ArgumentException($"latents has {latents.Dimensions} columns; {Shape} images need {LatentDimensions}.", nameof(latents));
        }

        Internal.Guard.Finite(latents);
        int n = latents.Count, p = Side * Side;
        var pixels = new double[n * p];
        Span<double> u = stackalloc double[4];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < LatentDimensions; k++)
            {
                u[k] = Internal.NormalDistribution.Cdf(latents[i, k]);
            }

            var image = pixels.AsSpan(i * p, p);
            if (Shape == ImageShape.GaussianBlob)
            {
                DrawBlob(image, u);
            }
            else
            {
                DrawRectangle(image, u);
            }
        }

        return new Samples(pixels, p);
    }

    private void DrawBlob(Span<double> image, ReadOnlySpan<double> u)
    {
        double s = Side / 8.0;
        double cx = Side / 4.0 + u[0] * Side / 2.0, cy = Side / 4.0 + u[1] * Side / 2.0;
        double scale = -1 / (2 * s * s);
        Span<double> gx = stackalloc double[Side];
        for (int c = 0; c < Side; c++)
        {
            double dx = c + 0.5 - cx;
            gx[c] = Math.Exp(scale * dx * dx);
        }

        for (int r = 0; r < Side; r++)
        {
            double dy = r + 0.5 - cy;
            double gy = Math.Exp(scale * dy * dy);
            for (int c = 0; c < Side; c++)
            {
                image[r * Side + c] = gy * gx[c];
            }
        }
    }

    private void DrawRectangle(Span<double> image, ReadOnlySpan<double> u)
    {
        double half = Side / 2.0, span = half - 2;
        double x0 = 1 + u[0] * span, x1 = half + 1 + u[1] * span;
        double y0 = 1 + u[2] * span, y1 = half + 1 + u[3] * span;
        Span<double> ox = stackalloc double[Side];
        for (int c = 0; c < Side; c++)
        {
            ox[c] = Overlap(c, x0, x1);
        }

        for (int r = 0; r < Side; r++)
        {
            double oy = Overlap(r, y0, y1);
            for (int c = 0; c < Side; c++)
            {
                image[r * Side + c] = oy * ox[c];
            }
        }
    }

    /// <summary>The length of [cell, cell + 1] ∩ [a, b].</summary>
    private static double Overlap(int cell, double a, double b) => Math.Max(0, Math.Min(cell + 1, b) - Math.Max(cell, a));
}
