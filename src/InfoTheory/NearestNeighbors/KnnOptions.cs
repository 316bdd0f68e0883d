using System.Globalization;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Settings of the k-NN entropy and divergence estimators (Kozachenko–Leonenko, weighted Kozachenko–Leonenko, MI from
/// their entropies, Wang–Kulkarni–Verdú divergence). Immutable; invalid values are refused when set.
/// </summary>
public sealed record KnnOptions
{
    /// <summary>
    /// The default neighbor order of every k-NN estimator, k = 3 (the choice of KSG's paper, NPEET and scikit-learn);
    /// the options records, the façades and the CLI all take it from here.
    /// </summary>
    public const int DefaultK = 3;

    /// <summary>The default tie jitter of every k-NN estimator: 1e-10 of each feature's scale (see <see cref="TieJitter"/>).</summary>
    public const double DefaultTieJitter = 1e-10;

    private readonly int _k = DefaultK;
    private readonly double _tieJitter = DefaultTieJitter;

    /// <summary>The defaults: k = 3, Euclidean norm, raw columns, automatic search, jitter 1e-10 of each feature's scale, seed 0.</summary>
    public static KnnOptions Default { get; } = new();

    /// <summary>The neighbor order k ≥ 1 (default 3). It must be below the number of observations.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is less than 1.</exception>
    public int K { get => _k; init => _k = KnnSettings.CheckK(value); }

    /// <summary>The norm (default <see cref="KnnNorm.Euclidean"/>); the unit-ball volume follows it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined norm.</exception>
    public KnnNorm Norm { get; init => field = EnumGuard.Defined(value, nameof(Norm)); } = KnnNorm.Euclidean;

    /// <summary>How neighbors are found (default <see cref="NeighborSearch.Auto"/>); the result does not depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined search.</exception>
    public NeighborSearch Search { get; init => field = EnumGuard.Defined(value, nameof(Search)); } = NeighborSearch.Auto;

    /// <summary>
    /// Where the neighbor searches run (default <see cref="ComputeBackend.Cpu"/>: the k-d tree, sorted or vectorised
    /// brute-force search that <see cref="Search"/> picks). Any other backend (e.g. InfoTheory.Ilgpu's IlgpuBackend)
    /// runs brute-force searches there, O(N²·d) work that a GPU does in parallel, and <see cref="Search"/> is not
    /// used. The estimate is the same up to floating-point ties.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ComputeBackend Backend { get; init => field = value ?? throw new ArgumentNullException(nameof(Backend), "Backend must not be null; use ComputeBackend.Cpu for the managed path."); } = ComputeBackend.Cpu;

    /// <summary>
    /// The tie policy: every value gets seeded Gaussian noise of standard deviation TieJitter × its feature's scale
    /// (the standard deviation of that feature, or max(1, |value|) for a constant one, measured after the data are
    /// brought to unit magnitude by a power of two), the choice of scikit-learn and NPEET. Default 1e-10; 0 turns it
    /// off, and then an exact duplicate that makes a distance 0 is refused with an <see cref="ArgumentException"/>
    /// instead of giving −∞. Ties are looked for BEFORE the jitter: when an observation has at least k exact copies
    /// (its k-th neighbor distance would be 0; for the weighted estimator, any copy reaching a neighbor of non-zero
    /// weight), the estimate comes with a "ties" warning and no standard error, because it then measures the jitter.
    /// Fewer than k copies leave the k-th distance positive and need no warning.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double TieJitter { get => _tieJitter; init => _tieJitter = KnnSettings.CheckJitter(value); }

    /// <summary>
    /// Divide each column by its standard deviation before the searches (default false: the raw data in the chosen
    /// norm, as in the papers, NPEET and scipy). The k-NN estimators are consistent for any fixed column scales, but at
    /// finite N a norm sees mostly the columns of largest scale: with columns scaled 10⁸ and 10⁻⁸ (Jacobian 1) the
    /// Kozachenko–Leonenko entropy moves by tens of bits. Standardised, the estimate does not depend on the columns'
    /// scales: entropies add back Σₖ ln sₖ (the log-Jacobian, so they stay in the units of the data), the MI needs no
    /// correction, and the divergence divides P and Q by the same per-column deviation, that of P and Q pooled (so both
    /// samples are measured with one ruler, which D(P‖Q) is invariant to, and the ruler exists when either sample
    /// varies). Without it, columns whose deviations differ by more than max(10, (N/k)^(1/d)) draw an "anisotropic"
    /// warning: beyond that factor the k-th neighbor distances along the widest column exceed the whole spread of the
    /// narrowest.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>The seed of the jitter (default 0): the same seed gives the same estimate.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// Settings of the KSG mutual-information estimators (Kraskov, Stögbauer &amp; Grassberger, PRE 69, 066138, 2004,
/// doi:10.1103/PhysRevE.69.066138) and of the Frenzel–Pompe conditional MI. Immutable; invalid values are refused.
/// </summary>
public sealed record KsgOptions
{
    private readonly int _k = KnnOptions.DefaultK;
    private readonly double _tieJitter = KnnOptions.DefaultTieJitter;

    /// <summary>The defaults: estimator 1, k = 3, max-norm, raw columns, automatic search, jitter 1e-10 of each feature's scale, seed 0.</summary>
    public static KsgOptions Default { get; } = new();

    /// <summary>The neighbor order k ≥ 1 (default 3, as in NPEET and scikit-learn). It must be below N.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is less than 1.</exception>
    public int K { get => _k; init => _k = KnnSettings.CheckK(value); }

    /// <summary>Estimator 1 (default) or 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined variant.</exception>
    public KsgVariant Variant
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Variant));
    } = KsgVariant.One;

    /// <summary>
    /// The norm of every space (default <see cref="KnnNorm.Max"/>, as in the paper: then the joint distance is the larger
    /// of the two marginal distances, which the counting argument of KSG assumes exactly).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined norm.</exception>
    public KnnNorm Norm { get; init => field = EnumGuard.Defined(value, nameof(Norm)); } = KnnNorm.Max;

    /// <summary>How neighbors are found (default <see cref="NeighborSearch.Auto"/>); the result does not depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined search.</exception>
    public NeighborSearch Search { get; init => field = EnumGuard.Defined(value, nameof(Search)); } = NeighborSearch.Auto;

    /// <summary>
    /// Where the neighbor searches run (default <see cref="ComputeBackend.Cpu"/>: the k-d tree, sorted or vectorised
    /// brute-force search that <see cref="Search"/> picks). Any other backend (e.g. InfoTheory.Ilgpu's IlgpuBackend)
    /// runs brute-force searches there, O(N²·d) work that a GPU does in parallel, and <see cref="Search"/> is not
    /// used. The estimate is the same up to floating-point ties.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ComputeBackend Backend { get; init => field = value ?? throw new ArgumentNullException(nameof(Backend), "Backend must not be null; use ComputeBackend.Cpu for the managed path."); } = ComputeBackend.Cpu;

    /// <summary>The tie policy, as <see cref="KnnOptions.TieJitter"/> (default 1e-10 of each feature's scale; 0 = off).
    /// KSG counts are finite with ties too; the jitter only breaks them the way scikit-learn and NPEET do. When an
    /// observation has at least k exact copies in the joint space (looked for before the jitter), its k-th neighbor is
    /// a copy and the estimate measures the jitter: it comes with a "ties" warning and no standard error. Fewer copies
    /// than k leave ε(i) positive and need no warning.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double TieJitter { get => _tieJitter; init => _tieJitter = KnnSettings.CheckJitter(value); }

    /// <summary>
    /// Divide each column of the joint space by its standard deviation before the searches (default false: the raw data
    /// in the chosen norm, as in the paper, NPEET and scikit-learn). KSG is consistent for any column scales, but at
    /// finite N the max-norm sees mostly the columns of largest scale; standardised, the estimate does not depend on the
    /// columns' scales. The MI needs no correction. Without it, columns whose deviations differ by more than
    /// max(10, (N/k)^(1/d)) (d the joint dimension) draw an "anisotropic" warning.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>The seed of the jitter (default 0).</summary>
    public int Seed { get; init; }
}

/// <summary>Validation shared by the k-NN options records.</summary>
internal static class KnnSettings
{
    /// <summary>The default jitter as messages write it: <c>1e-10</c>.</summary>
    public static string DefaultJitterText { get; } = KnnOptions.DefaultTieJitter.ToString("0e0", CultureInfo.InvariantCulture);

    public static int CheckK(int k, string name = "K") => k >= 1 ? k
        : throw new ArgumentOutOfRangeException(name, k, $"k = {k}: the neighbor order must be at least 1; {KnnOptions.DefaultK} is the usual choice (KSG, NPEET, scikit-learn).");

    public static double CheckJitter(double value) => value >= 0 && double.IsFinite(value) ? value
        : throw new ArgumentOutOfRangeException("TieJitter", value, $"TieJitter = {value} must be a finite number ≥ 0; {DefaultJitterText} (the default) breaks ties, 0 turns jitter off.");
}
