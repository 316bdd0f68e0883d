using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>Kernels other than the Gaussian go through the generic paths (no Gaussian shortcut).</summary>
public class CustomKernelTests
{
    /// <summary>κ(x, y) = scale·exp(−‖x − y‖/σ): positive definite and infinitely divisible (Laplacian).</summary>
    private sealed class LaplacianKernel(double scale) : IKernel
    {
        public string Name => "laplacian";

        public double Evaluate(double squaredDistance, double width) => scale * Math.Exp(-Math.Sqrt(squaredDistance) / width);
    }

    [Fact]
    public void SecondOrderStreamingEqualsTheSpectrumOfTheJointGram()
    {
        var x = TestData.Gaussian(70, 3, 11);
        var y = TestData.Dependent(x, 2, 12);
        var o = new MatrixRenyiOptions { Alpha = 2, Kernel = new LaplacianKernel(1), Bandwidth = Bandwidth.Fixed(1.7) };
        double streamed = Entropy.MatrixRenyiJoint([x, y], o).Value.Nats;

        // The same joint by hand: K_ij = exp(−‖xi−xj‖/σ)·exp(−‖yi−yj‖/σ), eigenvalues by MathNet, S₂ = −ln Σ(λ/N)².
        int n = x.Count;
        double Dist(Samples s, int i, int j) => Math.Sqrt(Enumerable.Range(0, s.Dimensions).Sum(k => Math.Pow(s[i, k] - s[j, k], 2)));
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => Math.Exp(-Dist(x, i, j) / 1.7) * Math.Exp(-Dist(y, i, j) / 1.7));
        double sum = k.Evd(Symmetricity.Symmetric).EigenValues.Sum(l => Math.Pow(l.Real / n, 2));
        Assert.Equal(-Math.Log(sum), streamed, 10);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(1.01)]
    public void KernelScaleCancelsInTheNormalisation(double alpha)
    {
        var x = TestData.Gaussian(40, 2, 3);
        var y = TestData.Dependent(x, 1, 4);
        var unit = new MatrixRenyiOptions { Alpha = alpha, Kernel = new LaplacianKernel(1), Bandwidth = Bandwidth.Fixed(0.8) };
        var scaled = unit with { Kernel = new LaplacianKernel(3.5) };
        Assert.Equal(MutualInformation.MatrixRenyi(x, y, unit).Value.Nats, MutualInformation.MatrixRenyi(x, y, scaled).Value.Nats, 12);
    }
}
