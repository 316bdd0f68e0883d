namespace InfoTheory;

/// <summary>Which of the two KSG estimators (Kraskov, Stögbauer &amp; Grassberger, PRE 69, 066138, 2004).</summary>
public enum KsgVariant
{
    /// <summary>
    /// Estimator 1 (their eq. 8): I = ψ(k) + ψ(N) − ⟨ψ(nₓ + 1) + ψ(n_y + 1)⟩ with nₓ the number of other points strictly
    /// closer in X than the k-th joint neighbor. The one NPEET and scikit-learn implement.
    /// </summary>
    One = 1,

    /// <summary>
    /// Estimator 2 (their eq. 9): I = ψ(k) − 1/k + ψ(N) − ⟨ψ(nₓ) + ψ(n_y)⟩ with nₓ the number of other points within
    /// (≤) εₓ, the largest X-distance among the k joint neighbors.
    /// </summary>
    Two = 2,
}
