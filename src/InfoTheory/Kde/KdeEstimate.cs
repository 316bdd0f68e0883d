namespace InfoTheory;

/// <summary>A KDE entropy with the bandwidth factor it used.</summary>
/// <param name="Estimate">The entropy, its standard error and N.</param>
/// <param name="Bandwidth">The bandwidth factor h: the kernel covariance was h²·Σ̂ (or h²·diag).</param>
public readonly record struct KdeEstimate(InformationEstimate Estimate, double Bandwidth)
{
    /// <summary>The entropy.</summary>
    public Information Value => Estimate.Value;

    /// <summary>The estimate with its uncertainty.</summary>
    public static implicit operator InformationEstimate(KdeEstimate estimate) => estimate.Estimate;

    /// <summary>The entropy.</summary>
    public static implicit operator Information(KdeEstimate estimate) => estimate.Estimate.Value;
}
