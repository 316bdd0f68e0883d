using ILGPU;

namespace InfoTheory.Ilgpu;

/// <summary>The Gram-free S₂ of Gaussian kernels: sums of exp(−‖uᵢ − uⱼ‖²) over pairs, no N×N matrix on the device.</summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// partials[g] = Σ exp(−‖xᵢ − xⱼ‖²) over i &gt; j in the 16×16 tiles of the lower triangle that group g takes
    /// (tiles t = g, g + G, g + 2G, … in row-major order of the lower triangle, so the split, and the host's ordered sum
    /// of the partials, repeat run to run). Each tile stages its two blocks of observations through shared memory 16
    /// coordinates at a time (<see cref="TileSquaredDistance"/>, as the Gram kernel). Group: 16×16 threads.
    /// </summary>
    public static void GaussianPairSums(ArrayView<double> x, int n, int d, long tiles, ArrayView<double> partials)
    {
        var a = SharedMemory.Allocate<double>(Tile * Tile);
        var b = SharedMemory.Allocate<double>(Tile * Tile);
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        int tx = Group.IdxX, ty = Group.IdxY;
        double acc = 0;
        for (long t = Grid.IdxX; t < tiles; t += Grid.DimX)
        {
            var (r, column) = LowerTile(t);
            int iBase = (int)r * Tile, jBase = (int)column * Tile;
            int i = iBase + ty, j = jBase + tx;
            double sum = TileSquaredDistance(x, n, d, iBase, jBase, a, b, tx, ty);
            if (i < n && j < i)
            {
                acc += DeviceMath.ExpNonPositive(-sum);
            }
        }

        double total = GroupSum(partial, acc, ty * Tile + tx, Tile * Tile);
        if (tx == 0 && ty == 0)
        {
            partials[Grid.IdxX] = total;
        }
    }
}
