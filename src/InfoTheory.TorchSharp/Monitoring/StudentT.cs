namespace InfoTheory.TorchSharp;

/// <summary>
/// Student's t distribution with an integer number of degrees of freedom ν: the exact finite-sum CDF of Abramowitz &amp;
/// Stegun 26.7.3–26.7.4 and its quantile by bisection. The bands and the fall test need only small ν (the number of probe
/// batches less one), where the normal quantile would be far too narrow (t₀.₉₇₅ = 12.7 at ν = 1, 2.78 at ν = 4).
/// </summary>
internal static class StudentT
{
    /// <summary>P(T ≤ t) for T ~ t(ν), ν ≥ 1.</summary>
    public static double Cdf(double t, int dof)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dof, 1);
        // A(|t| | ν) = P(|T| ≤ |t|) as a finite sum in θ = atan(|t|/√ν).
        double theta = Math.Atan(Math.Abs(t) / Math.Sqrt(dof)), c = Math.Cos(theta), s = Math.Sin(theta);
        double a;
        if (dof % 2 == 1)
        {
            double sum = 0, term = c;
            for (int k = 3; k <= dof; k += 2)
            {
                sum += term;
                term *= c * c * (k - 1) / k;
            }

            a = 2 / Math.PI * (theta + (dof > 1 ? s * sum : 0));
        }
        else
        {
            double sum = 0, term = 1;
            for (int k = 2; k <= dof; k += 2)
            {
                sum += term;
                term *= c * c * (k - 1) / k;
            }

            a = s * sum;
        }

        return t >= 0 ? 0.5 + (a / 2) : 0.5 - (a / 2);
    }

    /// <summary>The p-quantile of t(ν), 0 &lt; p &lt; 1, to about 1e-12 relative.</summary>
    public static double Quantile(double p, int dof)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dof, 1);
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        }

        if (p < 0.5)
        {
            return -Quantile(1 - p, dof);
        }

        double low = 0, high = 1;
        while (Cdf(high, dof) < p)
        {
            high *= 2;
        }

        for (int i = 0; i < 200 && high - low > 1e-13 * high; i++)
        {
            double mid = 0.5 * (low + high);
            if (Cdf(mid, dof) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }
}
