using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>Bias correction applied to a plug-in (maximum-likelihood) entropy of counts.</summary>
public enum DiscreteBiasCorrection
{
    /// <summary>The plug-in entropy −Σ p̂ log p̂ (biased low by about (m − 1)/(2N)).</summary>
    None,

    /// <summary>
    /// Miller–Madow: plug-in + (m − 1)/(2N), with m the number of observed symbols (Miller, 1955, "Note on the bias of
    /// information estimates"; Paninski, Neural Comput. 15(6) 2003, doi:10.1162/089976603321780272).
    /// </summary>
    MillerMadow,
}

/// <summary>Settings of the discrete (plug-in) entropy and mutual information of symbol sequences. Immutable.</summary>
public sealed record DiscreteOptions
{
    /// <summary>The defaults: no bias correction (the plug-in value, as scipy.stats.entropy and scikit-learn).</summary>
    public static DiscreteOptions Default { get; } = new();

    /// <summary>Miller–Madow correction.</summary>
    public static DiscreteOptions MillerMadow { get; } = new() { Correction = DiscreteBiasCorrection.MillerMadow };

    /// <summary>The bias correction applied to every entropy (default none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined correction.</exception>
    public DiscreteBiasCorrection Correction
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Correction));
    }
}
