namespace InfoTheory;

/// <summary>
/// Seeded random draws, written once: the same seed gives the same values on every platform (System.Random with a
/// seed and these transformations only). Every sampler of the library and the seeded data of its tests and benchmarks
/// draw from here.
/// </summary>
internal static class RandomDraws
{
    /// <summary>One standard normal draw (Box–Muller; the second value is discarded to keep the stream simple).</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia &amp; Tsang, ACM TOMS 26(3), 2000, doi:10.1145/358407.358414).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1)·U^{1/a}.
            double u = 1.0 - random.NextDouble();
            return Gamma(random, shape + 1) * Math.Pow(u, 1 / shape);
        }

        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = StandardNormal(random);
            double v = 1 + c * z;
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>Mixes a seed with a stream number so that the generators of one draw are independent of each other.</summary>
    public static int Stream(int seed, int stream) => unchecked((int)((uint)seed * 2654435761u ^ (uint)(stream * 40503 + 0x5bd1e995)));
}
