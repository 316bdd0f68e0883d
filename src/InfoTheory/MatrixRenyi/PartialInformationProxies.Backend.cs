namespace InfoTheory;

/// <summary>The spectra of the proxies on a <see cref="ComputeBackend"/> other than the managed CPU one.</summary>
public sealed partial class PartialInformationProxies
{
    /// <summary>
    /// Fills the entropies (nats) and clipped masses of the pass in the CPU loop's job order — [0] X; per map p:
    /// S(Tp), S(Tp, X); per pair: S(Ti, Tj), S(Ti, Tj, X) — with all products and spectra in one backend call (a GPU
    /// backend batches the small eigenproblems there).
    /// </summary>
    private static void SpectraOnBackend(MatrixRenyiOptions o, double[] kx, double[][] maps, (int I, int J)[] pairs, double[] entropy, double[] clipped)
    {
        int c = maps.Length, n = (int)Math.Sqrt(kx.Length);
        var matrices = new double[c + 1][];
        matrices[0] = kx;
        maps.CopyTo(matrices, 1);
        var subsets = new int[entropy.Length][];
        subsets[0] = [0];
        for (int p = 0; p < c; p++)
        {
            subsets[1 + 2 * p] = [p + 1];
            subsets[2 + 2 * p] = [p + 1, 0];
        }

        for (int q = 0; q < pairs.Length; q++)
        {
            var (i, j) = pairs[q];
            subsets[1 + 2 * c + 2 * q] = [i + 1, j + 1];
            subsets[2 + 2 * c + 2 * q] = [i + 1, j + 1, 0];
        }

        if (o.Alpha == 2)
        {
            var norms = new double[subsets.Length];
            o.Backend.SubsetSquaredNorms(matrices, n, subsets, norms);
            for (int s = 0; s < subsets.Length; s++)
            {
                (entropy[s], clipped[s]) = RenyiEngine.FromSquaredNorm(norms[s], n);
            }

            return;
        }

        var eigenvalues = new double[(long)subsets.Length * n];
        o.Backend.SubsetSpectra(matrices, n, subsets, eigenvalues);
        for (int s = 0; s < subsets.Length; s++)
        {
            (entropy[s], clipped[s]) = RenyiEngine.FromNormalizedEigenvalues(eigenvalues.AsSpan(s * n, n), n, o.Alpha);
        }
    }
}
