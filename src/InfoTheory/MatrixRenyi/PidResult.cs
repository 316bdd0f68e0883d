using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The proxies for one pair of feature maps (i, j) with i &lt; j.</summary>
/// <param name="First">Index i of the first map.</param>
/// <param name="Second">Index j of the second map.</param>
/// <param name="FirstInformation">I(X; Tⁱ).</param>
/// <param name="SecondInformation">I(X; Tʲ).</param>
/// <param name="JointInformation">I(X; {Tⁱ, Tʲ}).</param>
/// <param name="Rst">RST_ij = I(X;Tⁱ) + I(X;Tʲ) − I(X;{Tⁱ,Tʲ}): redundancy minus synergy.</param>
/// <param name="Wnri">WNRI_ij = 2·I(X;{Tⁱ,Tʲ}) − I(X;Tⁱ) − I(X;Tʲ): the weighted non-redundant information.</param>
/// <remarks>
/// With <see cref="MatrixRenyiMethod.Approximate"/> each number is the midpoint of a certified interval (level 1: the
/// exact value lies inside), given for I(X;{Tⁱ,Tʲ}), RST and WNRI here and for I(X;Tᵖ) in <see cref="PidResult.MapBounds"/>;
/// RST + WNRI then equals I(X;{Tⁱ,Tʲ}) unless that interval's lower end was raised to 0.
/// </remarks>
public sealed record PidPair(int First, int Second, Information FirstInformation, Information SecondInformation,
    Information JointInformation, Information Rst, Information Wnri)
{
    /// <summary>With the approximate method, the certified interval of <see cref="JointInformation"/>; null for the exact method.</summary>
    public ConfidenceInterval? JointBounds { get; init; }

    /// <summary>With the approximate method, the certified interval of <see cref="Rst"/>; null for the exact method.</summary>
    public ConfidenceInterval? RstBounds { get; init; }

    /// <summary>With the approximate method, the certified interval of <see cref="Wnri"/>; null for the exact method.</summary>
    public ConfidenceInterval? WnriBounds { get; init; }
}

/// <summary>
/// The partial-information proxies of a layer (Yu, Wickstrøm, Jenssen &amp; Principe, IEEE TNNLS 32(1) 2021,
/// doi:10.1109/TNNLS.2020.2968509): MMI over all maps, the means of RST and WNRI over the evaluated pairs, the mean
/// ratios RST% and WNRI%, and the per-pair table. RST_ij + WNRI_ij = I(X;{Tⁱ,Tʲ}) for every pair.
/// </summary>
/// <remarks>
/// Not one quantity but a table from one pass over shared Gram matrices, so it is a record composed of the pass's one
/// estimate, <see cref="Mmi"/>, and the numbers derived from the same spectra. The pass's settings and findings are
/// <see cref="Mmi"/>'s <see cref="RenyiDiagnostics"/>: α, the widths σ_X then σ of each map, the eigenvalue mass clipped
/// over every spectrum of the pass, and whether the joint entropy of all maps saturated. With
/// <see cref="MatrixRenyiMethod.Approximate"/> every number but the % forms comes with a certified interval (level 1), each
/// at most <see cref="MatrixRenyiOptions.Tolerance"/> wide unless the MMI's <see cref="RenyiDiagnostics.ToleranceMissed"/>
/// says otherwise; the % forms are ratios of the midpoints.
/// </remarks>
/// <param name="Mmi">I(X; {T¹…T^C}) over all maps, with N and the pass's <see cref="RenyiDiagnostics"/>.</param>
/// <param name="Rst">Mean RST over the evaluated pairs.</param>
/// <param name="Wnri">Mean WNRI over the evaluated pairs.</param>
/// <param name="RstPercent">Mean of RST_ij / I(X;{Tⁱ,Tʲ}) × 100 over pairs with I(X;{Tⁱ,Tʲ}) &gt; 0; null if there are none.</param>
/// <param name="WnriPercent">Mean of WNRI_ij / I(X;{Tⁱ,Tʲ}) × 100, likewise; RST% + WNRI% = 100.</param>
/// <param name="Pairs">The evaluated pairs, ordered by (i, j).</param>
/// <param name="MapInformation">I(X; Tᵖ) for every map p.</param>
public sealed record PidResult(InformationEstimate Mmi, Information Rst, Information Wnri, double? RstPercent, double? WnriPercent,
    IReadOnlyList<PidPair> Pairs, IReadOnlyList<Information> MapInformation)
{
    /// <summary>The evaluated pairs, ordered by (i, j).</summary>
    public IReadOnlyList<PidPair> Pairs { get => _pairs; init => _pairs = ValueList<PidPair>.Require(value, nameof(Pairs)); }

    private readonly IReadOnlyList<PidPair> _pairs = ValueList<PidPair>.Require(Pairs, nameof(Pairs));

    /// <summary>I(X; Tᵖ) for every map p.</summary>
    public IReadOnlyList<Information> MapInformation { get => _mapInformation; init => _mapInformation = ValueList<Information>.Require(value, nameof(MapInformation)); }

    /// <summary>With the approximate method, the certified interval of the mean <see cref="Rst"/>; null for the exact method.</summary>
    public ConfidenceInterval? RstBounds { get; init; }

    /// <summary>With the approximate method, the certified interval of the mean <see cref="Wnri"/>; null for the exact method.</summary>
    public ConfidenceInterval? WnriBounds { get; init; }

    /// <summary>With the approximate method, the certified interval of each I(X; Tᵖ) in <see cref="MapInformation"/>; null for the exact method.</summary>
    public IReadOnlyList<ConfidenceInterval>? MapBounds
    {
        get => _mapBounds;
        init => _mapBounds = value is null ? null : ValueList<ConfidenceInterval>.Require(value, nameof(MapBounds));
    }

    private readonly IReadOnlyList<ConfidenceInterval>? _mapBounds;

    private readonly IReadOnlyList<Information> _mapInformation = ValueList<Information>.Require(MapInformation, nameof(MapInformation));
}
