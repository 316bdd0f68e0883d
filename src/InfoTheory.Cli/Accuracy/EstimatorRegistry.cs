using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Accuracy;

/// <summary>What an estimator factory knows when the suite asks it for an estimator.</summary>
/// <param name="Task">The task about to be estimated.</param>
/// <param name="Count">N, the number of observations.</param>
/// <param name="Seed">The run's seed (use it for any randomness of the estimator).</param>
/// <param name="Quick">True in <c>--quick</c> mode: use the cheapest settings that still run the code path.</param>
/// <param name="Steps">Training steps of the neural estimators (null: their default, <see cref="NeuralEstimatorOptions.DefaultSteps"/>; 20 in quick mode).</param>
/// <param name="Backend">Where the k-NN and matrix-Rényi estimators compute (<c>--device</c>; null: the CPU).</param>
internal sealed record EstimatorContext(ISyntheticTask Task, int Count, int Seed, bool Quick, int? Steps = null, ComputeBackend? Backend = null)
{
    /// <summary>The backend to hand to the estimators that take one.</summary>
    public ComputeBackend Compute => Backend ?? ComputeBackend.Cpu;

    /// <summary>The steps a neural estimator should train for.</summary>
    public int NeuralSteps => Steps ?? (Quick ? 20 : NeuralEstimatorOptions.DefaultSteps);
}

/// <summary>A named estimator of the accuracy suite.</summary>
/// <param name="Name">The name used on the command line and in the table.</param>
/// <param name="Description">One line for the table's legend.</param>
/// <param name="Create">Builds the estimator for one run.</param>
/// <param name="IsDefault">Whether it runs when <c>--estimators</c> is not given.</param>
/// <param name="MaxSamples">If set, the suite gives the estimator only the first rows of each draw (for O(N²)–O(N³) estimators).</param>
/// <param name="AppliesTo">If set, the suite skips tasks for which it is false (e.g. a compressed variant on data too narrow to compress, where it would repeat its inner estimator).</param>
internal sealed record AccuracyEstimator(string Name, string Description, Func<EstimatorContext, IMutualInformationEstimator> Create,
    bool IsDefault = true, int? MaxSamples = null, Func<ISyntheticTask, bool>? AppliesTo = null);

/// <summary>
/// The estimators the suite knows. To add one, append an entry to <see cref="Builtin"/> (name, legend, factory; and
/// <c>MaxSamples</c> / <c>AppliesTo</c> where an estimator is quadratic in N or meaningless in high dimension); for a
/// compressed variant use <see cref="Compressed"/> with <see cref="Pca"/>, <see cref="LatentAutoencoder"/> or
/// <see cref="Autoencoder"/>.
/// </summary>
internal static class EstimatorRegistry
{
    /// <summary>Every registered estimator.</summary>
    public static IReadOnlyList<AccuracyEstimator> Builtin { get; } =
    [
        new("mine", "MINE, 2×64 ReLU critic, Adam (steps: see the header), batch 256, EMA 0.01, half held out", ctx => new MineEstimator(Mine(ctx))),
        new("infonce", "InfoNCE, separable 2×64 critic, Adam (steps: see the header), batch 128 (cap ln 128 = 4.85 nats), half held out",
            ctx => new InfoNceEstimator(Nce(ctx))),
        Compressed("pca-infonce", "PCA to min(d, 8) components per variable, then InfoNCE", ctx => new InfoNceEstimator(Nce(ctx)), Pca),
        Compressed("pca-mine", "PCA to min(d, 8) components per variable, then MINE", ctx => new MineEstimator(Mine(ctx)), Pca),
        Compressed("ae-infonce", "dense autoencoder (128-64, code min(d, 4)) per variable, then InfoNCE",
            ctx => new InfoNceEstimator(Nce(ctx)), Autoencoder, isDefault: false),
        new("gaussian", "closed form of the fitted Gaussian (exact only for Gaussian data)", _ => new GaussianFitMutualInformation(),
            AppliesTo: task => task.XDimensions + task.YDimensions <= 64),
        new("bin", $"equal-width bins, {BinningOptions.DefaultBins} per column (joint bin patterns as symbols)", _ => new BinnedMutualInformation(),
            AppliesTo: task => task.XDimensions + task.YDimensions <= 16),
        new("kde", "Gaussian KDE, Scott's rule, kernel covariance h²·Σ̂, resubstitution (first 5000 rows)", _ => new KdeMutualInformation(),
            MaxSamples: 5000, AppliesTo: task => task.XDimensions + task.YDimensions <= 16),
        new("kl", $"Kozachenko–Leonenko entropies, k = {KnnOptions.DefaultK}, Euclidean (H(X)+H(Y)−H(X,Y))", ctx => new KnnEntropyMutualInformation(Knn(ctx)),
            AppliesTo: task => task.XDimensions + task.YDimensions <= 16),
        new("wkl", "weighted Kozachenko–Leonenko (Berrett et al.), k = 5, Euclidean", ctx => new KnnEntropyMutualInformation(Knn(ctx) with { K = 5 }, weighted: true),
            AppliesTo: task => task.XDimensions + task.YDimensions <= 16),
        new("ksg", $"KSG estimator 1, k = {KnnOptions.DefaultK}, max-norm", ctx => new KsgMutualInformation(Ksg(ctx))),
        new("ksg2", $"KSG estimator 2, k = {KnnOptions.DefaultK}, max-norm", ctx => new KsgMutualInformation(Ksg(ctx) with { Variant = KsgVariant.Two })),
        Compressed("pca-ksg", "PCA to min(d, 8) components per variable, then KSG-1", ctx => new KsgMutualInformation(Ksg(ctx)), Pca),
        Compressed("pca-wkl", "PCA to min(d, 8) components per variable, then weighted KL (k = 5)",
            ctx => new KnnEntropyMutualInformation(Knn(ctx) with { K = 5 }, weighted: true), Pca),
        Compressed("ae-wkl", "autoencoder with the latent dimension as code (Butakov et al.), then weighted KL (k = 5)",
            ctx => new KnnEntropyMutualInformation(Knn(ctx) with { K = 5 }, weighted: true), LatentAutoencoder, isDefault: false),
        new("renyi", $"matrix-based Rényi α = {MatrixRenyiOptions.DefaultAlpha.ToString(CultureInfo.InvariantCulture)} (not Shannon MI: a kernel functional; first 1000 rows)",
            ctx => new MatrixRenyiMutualInformation(new MatrixRenyiOptions { Backend = ctx.Compute }), IsDefault: false, MaxSamples: 1000),
    ];

    /// <summary>The estimator called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such estimator.</exception>
    public static AccuracyEstimator Find(string name) =>
        Builtin.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException(
            $"no estimator is called '{name}'; the estimators are {string.Join(", ", Builtin.Select(e => e.Name))}.", "estimators");

    /// <summary>
    /// An entry that compresses each variable wider than the compressor's code (others are left as they are) and runs
    /// <paramref name="inner"/> on the codes, through <see cref="CompressedMutualInformation"/>.
    /// </summary>
    public static AccuracyEstimator Compressed(string name, string description, Func<EstimatorContext, IMutualInformationEstimator> inner,
        Func<EstimatorContext, int, ICompressor?> compressor, bool isDefault = true) =>
        new(name, description, ctx =>
        {
            var cx = compressor(ctx, ctx.Task.XDimensions);
            var cy = compressor(ctx, ctx.Task.YDimensions);
            var innerEstimator = inner(ctx);
            return cx is null && cy is null ? innerEstimator : new CompressedMutualInformation(innerEstimator, cx, cy);
        }, isDefault, AppliesTo: task =>
        {
            var probe = new EstimatorContext(task, 0, 0, Quick: true);
            return compressor(probe, task.XDimensions) is not null || compressor(probe, task.YDimensions) is not null;
        });

    /// <summary>PCA to min(d, 8) components, or null (no compression) when d ≤ 8.</summary>
    public static ICompressor? Pca(EstimatorContext ctx, int dimensions) => dimensions > 8 ? new PcaCompressor(8) : null;

    /// <summary>
    /// A dense autoencoder whose code has the task's intrinsic dimension when it is known (the latents of an
    /// <see cref="ImageTask"/>: 2 for blobs, 4 for rectangles; 4 otherwise), or null when d ≤ 4. Entropy-based k-NN
    /// estimators (KL, weighted KL) need this: on a code wider than the data's manifold the entropies diverge and their
    /// difference is meaningless (measured: a 4-unit code of 16×16 blobs gave −3.2 nats with weighted KL).
    /// </summary>
    public static ICompressor? LatentAutoencoder(EstimatorContext ctx, int dimensions) => dimensions > 4
        ? new AutoencoderCompressor(new AutoencoderCompressorOptions
        {
            CodeSize = ctx.Task is ImageTask image ? image.LatentDimensions : 4,
            Epochs = ctx.Quick ? 1 : AutoencoderCompressorOptions.DefaultEpochs,
            Seed = ctx.Seed,
        })
        : null;

    /// <summary>A dense autoencoder with a 4-unit code, or null when d ≤ 4.</summary>
    public static ICompressor? Autoencoder(EstimatorContext ctx, int dimensions) => dimensions > 4
        ? new AutoencoderCompressor(new AutoencoderCompressorOptions { CodeSize = 4, Epochs = ctx.Quick ? 1 : AutoencoderCompressorOptions.DefaultEpochs, Seed = ctx.Seed })
        : null;

    private static KnnOptions Knn(EstimatorContext ctx) => new() { Backend = ctx.Compute };

    private static KsgOptions Ksg(EstimatorContext ctx) => new() { Backend = ctx.Compute };

    private static MineOptions Mine(EstimatorContext ctx) => new() { Steps = ctx.NeuralSteps, Seed = ctx.Seed };

    private static InfoNceOptions Nce(EstimatorContext ctx) => new() { Steps = ctx.NeuralSteps, Seed = ctx.Seed };
}
