namespace InfoTheory;

/// <summary>The spectra of the proxies on a <see cref="ComputeBackend"/> other than the managed CPU one.</summary>
public sealed partial class PartialInformationProxies
{
    /// <summary>
    /// Fills the entropies (nats) and clipped masses of every job — job j is the trace-normalised Hadamard product of
    /// <paramref name="factors"/>[j] — with all products and spectra in one backend call (a GPU backend batches the small
    /// eigenproblems there). The distinct Grams are sent once; jobs name them by index.
    /// </summary>
    private static void SpectraOnBackend(MatrixRenyiOptions o, double[][][] factors, int n, double[] entropy, double[] clipped)
    {
        var index = new Dictionary<double[], int>(ReferenceEqualityComparer.Instance);
        var matrices = new List<double[]>();
        var subsets = new int[factors.Length][];
        for (int job = 0; job < factors.Length; job++)
        {
            subsets[job] = new int[factors[job].Length];
            for (int q = 0; q < factors[job].Length; q++)
            {
                var gram = factors[job][q];
                if (!index.TryGetValue(gram, out int at))
                {
                    at = matrices.Count;
                    index.Add(gram, at);
                    matrices.Add(gram);
                }

                subsets[job][q] = at;
            }
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
