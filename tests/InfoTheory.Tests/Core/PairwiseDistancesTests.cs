using System.Runtime.Intrinsics;
using InfoTheory.Numerics;

namespace InfoTheory.Tests.Core;

/// <summary>
/// The blocked dot-product distances (d &gt; 32): the 4 × 4 kernels, the diagonal groups and the ragged edges give the
/// squared distances a plain loop gives, the same bits as one row at a time, on one core or many, and touch nothing but
/// the strict lower triangle.
/// </summary>
public class PairwiseDistancesTests
{
    private const double Untouched = -7;

    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 33 }, { 5, 40 }, { 37, 33 }, { 70, 784 }, { 101, 785 }, { 300, 50 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlocksGiveThePlainSquaredDistancesInTheStrictLowerTriangleOnly(int n, int d)
    {
        var x = Points(n, d, seed: n * 1000 + d);
        var distances = new PairwiseDistances(new Samples(x, d));
        Assert.True(distances.UsesDotProducts);
        var matrix = Filled(n, distances, parallel: false);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j >= i)
                {
                    Assert.Equal(Untouched, matrix[i * n + j]);
                    continue;
                }

                double plain = 0;
                for (int k = 0; k < d; k++)
                {
                    double diff = x[i * d + k] - x[j * d + k];
                    plain += diff * diff;
                }

                // ‖xᵢ‖² + ‖xⱼ‖² − 2xᵢ·xⱼ loses digits against ‖xᵢ‖² (≈ d/3 here), not against the distance.
                Assert.True(Math.Abs(matrix[i * n + j] - plain) <= 1e-13 * d, $"D[{i},{j}] = {matrix[i * n + j]:R}, plain {plain:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlocksGiveTheBitsOfOneRowAtATimeOnOneCoreOrMany(int n, int d)
    {
        var x = Points(n, d, seed: 7 * n + d);
        var distances = new PairwiseDistances(new Samples(x, d));
        var serial = Filled(n, distances, parallel: false);
        var parallel = Filled(n, distances, parallel: true);
        Assert.Equal(serial, parallel);
        for (int i = 1; i < n; i++)
        {
            var row = new double[i];
            distances.LowerRow(i, row);
            Assert.Equal(row, serial.AsSpan(i * n, i).ToArray());
        }
    }

    [Fact]
    public void EveryAcceleratedWidthFillsTheSameDistancesToRounding()
    {
        const int n = 75, d = 100;
        var distances = new PairwiseDistances(new Samples(Points(n, d, seed: 3), d));
        var reference = Filled(n, distances, parallel: false);
        var widths = new List<double[]>();
        if (Vector512.IsHardwareAccelerated)
        {
            widths.Add(Block<Vector512<double>, Simd512>(distances, n));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            widths.Add(Block<Vector256<double>, Simd256>(distances, n));
        }

        widths.Add(Block<Vector128<double>, Simd128>(distances, n));
        foreach (var matrix in widths)
        {
            for (int e = 0; e < matrix.Length; e++)
            {
                Assert.True(Math.Abs(matrix[e] - reference[e]) <= 1e-12, $"entry {e}: {matrix[e]:R} against {reference[e]:R}");
            }
        }
    }

    [Fact]
    public void DuplicateObservationsAreExactlyZeroApart()
    {
        const int n = 40, d = 64;
        var x = Points(n, d, seed: 11);
        for (int i = 20; i < n; i++)
        {
            Array.Copy(x, (i - 20) * d, x, i * d, d); // row i repeats row i − 20
        }

        var matrix = Filled(n, new PairwiseDistances(new Samples(x, d)), parallel: true);
        for (int i = 20; i < n; i++)
        {
            Assert.Equal(0.0, matrix[i * n + i - 20]);
            Assert.True(matrix[i * n + i - 19] > 1, "distinct rows stay apart");
        }
    }

    private static double[] Filled(int n, PairwiseDistances distances, bool parallel)
    {
        var matrix = new double[n * n];
        Array.Fill(matrix, Untouched);
        distances.FillLower(matrix, parallel, work: null);
        return matrix;
    }

    private static double[] Block<TVector, TSimd>(PairwiseDistances distances, int n)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        var matrix = new double[n * n];
        Array.Fill(matrix, Untouched);
        for (int start = 0; start < n; start += PairwiseDistances.BlockRows)
        {
            distances.LowerBlock<TVector, TSimd>(start, matrix);
        }

        return matrix;
    }

    private static double[] Points(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n * d];
        for (int e = 0; e < x.Length; e++)
        {
            x[e] = random.NextDouble();
        }

        return x;
    }
}
