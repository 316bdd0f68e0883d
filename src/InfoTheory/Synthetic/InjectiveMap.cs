namespace InfoTheory;

/// <summary>
/// A smooth injective map applied to every row of a variable. Mutual information is invariant under injective
/// (measurable, with measurable inverse) maps of X and of Y, so I(f(X); g(Y)) = I(X; Y) and the truth of a task
/// carries over (Czyż et al., NeurIPS 2023, §3; Kraskov et al., PRE 69, 066138, 2004). The maps are those of BMI.
/// </summary>
public abstract class InjectiveMap
{
    /// <summary>The half-cube map x ↦ x·|x|^{1/2}, coordinate-wise (BMI "half-cube"); inverse y ↦ sign(y)·|y|^{2/3}.</summary>
    public static InjectiveMap HalfCube { get; } = new Elementwise("halfcube", x => x * Math.Sqrt(Math.Abs(x)), y => Math.Sign(y) * Math.Pow(Math.Abs(y), 2.0 / 3));

    /// <summary>x ↦ asinh(x) = ln(x + √(x² + 1)), coordinate-wise (BMI "asinh": compresses the tails); inverse sinh.</summary>
    public static InjectiveMap Asinh { get; } = new Elementwise("asinh", Math.Asinh, Math.Sinh);

    /// <summary>x ↦ Φ(x), the standard normal CDF, coordinate-wise (BMI "normal CDF": uniform margins on (0, 1) for standard normal input).</summary>
    public static InjectiveMap NormalCdf { get; } = new Elementwise("normalcdf", Internal.NormalDistribution.Cdf, Internal.NormalDistribution.Quantile);

    /// <summary>The name used in task names, e.g. <c>halfcube</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The spiral of BMI: x ↦ R(v·‖x‖²)·x, where R(θ) rotates the plane of the first two coordinates by θ radians and
    /// leaves the others alone. Rotations keep ‖x‖, so the inverse is y ↦ R(−v·‖y‖²)·y. Needs d ≥ 2.
    /// </summary>
    /// <param name="speed">v, radians per unit of squared norm (BMI's default is 1/3).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is not finite.</exception>
    public static InjectiveMap Spiral(double speed = 1.0 / 3)
    {
        if (!double.IsFinite(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a finite number of radians per unit squared norm, e.g. 1/3.");
        }

        return new SpiralMap(speed);
    }

    /// <summary>f applied to every row of <paramref name="samples"/> (a new double-precision copy; the dimension is kept).</summary>
    /// <exception cref="ArgumentException">The map needs more coordinates than the samples have (the spiral needs 2).</exception>
    public Samples Apply(Samples samples)
    {
        var values = samples.ToArray();
        Apply(values, samples.Dimensions, inverse: false);
        return new Samples(values, samples.Dimensions);
    }

    /// <summary>f⁻¹ applied to every row (for checking injectivity: Invert(Apply(x)) = x).</summary>
    /// <exception cref="ArgumentException">The map needs more coordinates than the samples have.</exception>
    public Samples Invert(Samples samples)
    {
        var values = samples.ToArray();
        Apply(values, samples.Dimensions, inverse: true);
        return new Samples(values, samples.Dimensions);
    }

    /// <summary>Transforms row-major values of width <paramref name="dimensions"/> in place.</summary>
    private protected abstract void Apply(double[] values, int dimensions, bool inverse);

    private sealed class Elementwise(string name, Func<double, double> forward, Func<double, double> inverse) : InjectiveMap
    {
        public override string Name => name;

        private protected override void Apply(double[] values, int dimensions, bool inverse1)
        {
            var f = inverse1 ? inverse : forward;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = f(values[i]);
            }
        }
    }

    private sealed class SpiralMap(double speed) : InjectiveMap
    {
        public override string Name => "spiral";

        private protected override void Apply(double[] values, int dimensions, bool inverse)
        {
            if (dimensions < 2)
            {
                throw new ArgumentException(
                    $"The spiral rotates the plane of the first two coordinates, but the samples have {dimensions}; use it on variables of dimension ≥ 2.",
                    nameof(dimensions));
            }

            double v = inverse ? -speed : speed;
            for (int start = 0; start < values.Length; start += dimensions)
            {
                var row = values.AsSpan(start, dimensions);
                double norm2 = 0;
                foreach (double t in row)
                {
                    norm2 += t * t;
                }

                var (sin, cos) = Math.SinCos(v * norm2);
                double a = row[0], b = row[1];
                row[0] = cos * a - sin * b;
                row[1] = sin * a + cos * b;
            }
        }
    }
}
