using InfoTheory.Internal;
using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// Conditional mutual information I(X; Y | Z) by the KSG construction of Frenzel &amp; Pompe (PRL 99, 204101, 2007,
/// doi:10.1103/PhysRevLett.99.204101): I = ψ(k) − ⟨ψ(n_xz(i) + 1) + ψ(n_yz(i) + 1) − ψ(n_z(i) + 1)⟩.
/// </summary>
/// <remarks>
/// <para>ε(i) is the distance from point i to its k-th neighbor in the joint space (X, Y, Z); n_xz(i), n_yz(i) and n_z(i)
/// count the other points strictly closer than ε(i) in the subspaces (X, Z), (Y, Z) and Z. Max-norm by default, as in
/// the paper. Only the estimator-1 form exists for this construction; <see cref="KsgVariant.Two"/> is refused. Nats;
/// not clipped at 0. Standard error: the standard deviation of the per-point terms over √N. Scale, ties and constants
/// as in <see cref="KsgMutualInformation"/> (a constant X or Y gives 0 exactly, with a warning). Thread-safe.</para>
/// </remarks>
public sealed class KsgConditionalMutualInformation
{
    /// <summary>An estimator with the given settings (default k = 3, max-norm).</summary>
    /// <exception cref="ArgumentException">The options ask for estimator 2.</exception>
    public KsgConditionalMutualInformation(KsgOptions? options = null)
    {
        Options = options ?? KsgOptions.Default;
        if (Options.Variant != KsgVariant.One)
        {
            throw new ArgumentException(
                "options.Variant = Two: the Frenzel–Pompe conditional MI exists in the estimator-1 form only; use KsgVariant.One.", nameof(options));
        }
    }

    /// <summary>The settings.</summary>
    public KsgOptions Options { get; }

    /// <summary>Î(X; Y | Z) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, or different sample counts.</exception>
    public InformationEstimate Estimate(Samples x, Samples y, Samples z) => Compute(x, y, z) with { Diagnostics = KnnDiagnostics.Of(Options) };

    private InformationEstimate Compute(Samples x, Samples y, Samples z)
    {
        int k = Options.K;
        KnnGuard.Usable(x, k);
        KnnGuard.Usable(y, k);
        KnnGuard.Usable(z, k);
        Guard.SameCount(x, y);
        Guard.SameCount(x, z);
        int n = x.Count, dx = x.Dimensions, dz = z.Dimensions, dy = y.Dimensions;
        // Columns ordered (X, Z, Y) so that XZ, Z and ZY are contiguous ranges.
        var joint = PointSet.Copy([x, z, y]);
        var checks = new KnnChecks(KnnChecks.ColumnNames((nameof(x), dx), (nameof(z), dz), (nameof(y), dy)), Options.TieJitter);
        var stats = PointSet.Normalise([joint], Options.Standardize);
        if (KsgChecks.ConstantVariable(checks, stats, [(nameof(x), 0, dx), (nameof(y), dx + dz, dy)], "I(X;Y|Z)", n) is { } zero)
        {
            return zero;
        }

        KsgChecks.Prepare(checks, joint, stats, Options, "the joint space (x, y, z)");
        // Subspaces (x, z), (z, y) and z of the joint space (x, z, y).
        var counts = new int[3 * n];
        Options.Backend.KsgNeighborCounts(joint.AsSamples(), [0..(dx + dz), dx..(dx + dz + dy), dx..(dx + dz)], k, KsgVariant.One, counts, Options.Norm, Options.Search);
        var terms = new double[n];
        double constant = SpecialFunctions.Digamma(k);
        for (int i = 0; i < n; i++)
        {
            terms[i] = constant - SpecialFunctions.Digamma(counts[i] + 1) - SpecialFunctions.Digamma(counts[n + i] + 1) + SpecialFunctions.Digamma(counts[2 * n + i] + 1);
        }

        return checks.Finish(KnnMath.Estimate(terms));
    }
}
