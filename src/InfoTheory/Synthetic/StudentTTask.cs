namespace InfoTheory;

/// <summary>
/// Multivariate Student-t (X, Y) with ν degrees of freedom and dispersion Σ: (X, Y) = Z·√(ν/W) with Z ~ N(0, Σ) and
/// W ~ χ²_ν independent. The tails make it hard for estimators; BMI's "Student-t dof = 1, 1×1" (identity Σ) has
/// I = 0.2242 nats although X and Y are uncorrelated.
/// </summary>
/// <remarks>
/// I(X; Y) = I_Gauss(Σ) + c(ν, m, n), where I_Gauss is the Gaussian mutual information of the dispersion matrix and
/// c(ν, m, n) = ln Γ(ν/2) + ln Γ((ν+m+n)/2) − ln Γ((ν+m)/2) − ln Γ((ν+n)/2) + (ν+m)/2·ψ((ν+m)/2) + (ν+n)/2·ψ((ν+n)/2)
/// − (ν+m+n)/2·ψ((ν+m+n)/2) − ν/2·ψ(ν/2) (Arellano-Valle, Contreras-Reyes &amp; Genton, Scand. J. Stat. 40(1), 2013,
/// doi:10.1111/j.1467-9469.2011.00774.x; the form used by BMI, Czyż et al. 2023). ν need not be an integer.
/// </remarks>
public sealed class StudentTTask : ISyntheticTask
{
    private readonly MultivariateNormal _dispersion;

    /// <summary>A Student-t task with dispersion <paramref name="dispersion"/>; X is the first <paramref name="xDimensions"/> coordinates.</summary>
    /// <exception cref="ArgumentException">ν is not finite and &gt; 0, the dispersion is not SPD, or X or Y would be empty.</exception>
    public StudentTTask(string name, double[,] dispersion, int xDimensions, double degreesOfFreedom)
    {
        var gaussian = new GaussianTask(name, dispersion, xDimensions);
        Internal.Guard.Positive(degreesOfFreedom, "BMI uses 1, 2, 3 or 5 degrees of freedom.");
        _dispersion = gaussian.Distribution;
        Name = name;
        XDimensions = gaussian.XDimensions;
        YDimensions = gaussian.YDimensions;
        DegreesOfFreedom = degreesOfFreedom;
        TrueMutualInformation = gaussian.TrueMutualInformation + Information.FromNats(Correction(degreesOfFreedom, XDimensions, YDimensions));
    }

    /// <summary>BMI's Student-t with identity dispersion, m×n, ν degrees of freedom (dof = 1, 1×1: 0.2242 nats).</summary>
    public static StudentTTask Identity(int xDimensions, int yDimensions, double degreesOfFreedom)
    {
        GaussianTask.CheckDimensions(xDimensions, yDimensions);
        int d = xDimensions + yDimensions;
        var sigma = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            sigma[i, i] = 1;
        }

        return new StudentTTask($"student-{xDimensions}x{yDimensions}-dof{GaussianTask.F(degreesOfFreedom)}", sigma, xDimensions, degreesOfFreedom);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int XDimensions { get; }

    /// <inheritdoc />
    public int YDimensions { get; }

    /// <summary>ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <inheritdoc />
    public Information TrueMutualInformation { get; }

    /// <summary>c(ν, m, n): the mutual information of the Student-t beyond that of its dispersion's Gaussian (nats, ≥ 0).</summary>
    public static double Correction(double degreesOfFreedom, int xDimensions, int yDimensions)
    {
        double nu = degreesOfFreedom, m = xDimensions, n = yDimensions;
        return SpecialFunctions.LogGamma(nu / 2) + SpecialFunctions.LogGamma((nu + m + n) / 2)
            - SpecialFunctions.LogGamma((nu + m) / 2) - SpecialFunctions.LogGamma((nu + n) / 2)
            + (nu + m) / 2 * SpecialFunctions.Digamma((nu + m) / 2) + (nu + n) / 2 * SpecialFunctions.Digamma((nu + n) / 2)
            - (nu + m + n) / 2 * SpecialFunctions.Digamma((nu + m + n) / 2) - nu / 2 * SpecialFunctions.Digamma(nu / 2);
    }

    /// <inheritdoc />
    public SyntheticSample Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var z = _dispersion.Sample(count, seed).ToArray();
        var random = new Random(RandomDraws.Stream(seed, 1));
        int d = _dispersion.Dimensions;
        for (int i = 0; i < count; i++)
        {
            // W ~ χ²_ν = 2·Gamma(ν/2); the same scale multiplies the whole row.
            double w = 2 * RandomDraws.Gamma(random, DegreesOfFreedom / 2);
            double scale = Math.Sqrt(DegreesOfFreedom / Math.Max(w, double.Epsilon));
            for (int k = 0; k < d; k++)
            {
                z[i * d + k] *= scale;
            }
        }

        var (x, y) = GaussianTask.Split(new Samples(z, d), XDimensions);
        return new SyntheticSample(x, y, TrueMutualInformation);
    }
}
