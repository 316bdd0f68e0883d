using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// An invertible autoencoder after Nguyen, Ardizzone &amp; Köthe ("Training Invertible Neural Networks as
/// Autoencoders", GCPR 2019): a RealNVP-style stack of affine coupling blocks f on ℝ⁷⁸⁴ whose code keeps the first
/// k coordinates of f(x) and zeroes the rest; the decoder is the exact inverse f⁻¹ applied to the zero-padded code.
/// With k = 784 it is the identity up to rounding.
/// </summary>
/// <remarks>
/// <para>Coupling block (Dinh, Sohl-Dickstein &amp; Bengio, RealNVP, ICLR 2017): permute the coordinates with a fixed
/// seeded permutation P, split u = P x into u₁ (first ⌊D/2⌋) and u₂, and output [u₁, u₂ ⊙ exp(s(u₁)) + t(u₁)], where
/// [s̃, t] = MLP(u₁) (one ReLU hidden layer) and s = c·tanh(s̃/c) with c = 2 bounds the scale. The inverse is
/// u₂ = (y₂ − t(y₁)) ⊙ exp(−s(y₁)), x = P⁻¹[y₁, u₂].</para>
/// <para>Layers: <c>enc1 … encB</c> (the coupling blocks, N × 784 each), <c>z</c> (the zero-padding bottleneck:
/// N × 784 with coordinates k … 783 set to 0), <c>dec1 … dec(B−1)</c> and <c>out</c> (the inverse blocks, sharing
/// the encoder's parameters). The output is not squashed to [0, 1].</para>
/// <para>Loss: mean squared error (1/(N·784)) Σ (x − f⁻¹(pad_k(f(x))))² (part <c>"reconstruction"</c>).</para>
/// </remarks>
public sealed class InvertibleAutoencoder : AutoencoderBase
{
    private readonly List<AffineCoupling> _blocks = new();
    private readonly List<nn.Module<Tensor, Tensor>> _inverse = new();
    private readonly ZeroPadBottleneck _z;

    /// <summary>Creates the invertible autoencoder.</summary>
    /// <param name="codeSize">k, the number of coordinates kept in the code (1 … inputSize; inputSize = no bottleneck).</param>
    /// <param name="blocks">Number of coupling blocks (4).</param>
    /// <param name="hiddenSize">Hidden width of each block's MLP (128).</param>
    /// <param name="inputSize">D, the input width (784 for MNIST).</param>
    /// <param name="seed">Seed of the initialisation and the permutations.</param>
    public InvertibleAutoencoder(int codeSize = 64, int blocks = 4, int hiddenSize = 128, int inputSize = 784, int seed = 0)
        : base(nameof(InvertibleAutoencoder), ReconstructionLossKind.MeanSquaredError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(codeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codeSize, inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        CodeSize = codeSize;
        InputSize = inputSize;
        using (new SeedScope(seed))
        {
            for (int b = 0; b < blocks; b++)
            {
                _blocks.Add(AddLayer($"enc{b + 1}", new AffineCoupling(inputSize, hiddenSize)));
            }

            _z = AddLayer("z", new ZeroPadBottleneck(codeSize, inputSize));
            for (int b = blocks - 1; b >= 0; b--)
            {
                _inverse.Add(AddLayer(b == 0 ? "out" : $"dec{blocks - b}", new InverseCoupling(_blocks[b])));
            }
        }
    }

    /// <summary>k, the number of coordinates kept in the code.</summary>
    public int CodeSize { get; }

    /// <summary>D, the input width.</summary>
    public int InputSize { get; }

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Flat;

    /// <summary>f(x) without the bottleneck (all D coordinates).</summary>
    /// <param name="input">N × D.</param>
    /// <returns>N × D.</returns>
    public Tensor Transform(Tensor input) => Chain(_blocks, input);

    /// <summary>The code: f(x) with coordinates k … D−1 set to zero (N × D).</summary>
    /// <param name="input">N × D.</param>
    /// <returns>N × D.</returns>
    public override Tensor Encode(Tensor input) => _z.call(Transform(input));

    /// <summary>f⁻¹ of a (zero-padded) code, through the inverse blocks <c>dec1 … out</c>.</summary>
    /// <param name="code">N × D.</param>
    /// <returns>N × D.</returns>
    public Tensor Inverse(Tensor code) => Chain(_inverse, code);

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Inverse(code);

    /// <summary>One affine coupling block with a fixed seeded permutation (see the class remarks).</summary>
    internal sealed class AffineCoupling : nn.Module<Tensor, Tensor>
    {
        private const double ScaleClamp = 2.0;
        private readonly int _d1;
        private readonly int _d2;
        private readonly nn.Module<Tensor, Tensor> _net;

        public AffineCoupling(int size, int hidden)
            : base(nameof(AffineCoupling))
        {
            _d1 = size / 2;
            _d2 = size - _d1;
            var perm = torch.randperm(size);
            _net = nn.Sequential(("fc1", nn.Linear(_d1, hidden)), ("relu", nn.ReLU()), ("fc2", nn.Linear(hidden, 2L * _d2)));
            register_module("net", _net);
            register_buffer("perm", perm);
            register_buffer("inv_perm", torch.argsort(perm));
        }

        public override Tensor forward(Tensor input)
        {
            var u = input.index_select(1, get_buffer("perm")!);
            var u1 = u.narrow(1, 0, _d1);
            var u2 = u.narrow(1, _d1, _d2);
            var (s, t) = ScaleShift(u1);
            return torch.cat(new[] { u1, (u2 * s.exp()) + t }, 1);
        }

        public Tensor Inverse(Tensor output)
        {
            var y1 = output.narrow(1, 0, _d1);
            var y2 = output.narrow(1, _d1, _d2);
            var (s, t) = ScaleShift(y1);
            var u = torch.cat(new[] { y1, (y2 - t) * (-s).exp() }, 1);
            return u.index_select(1, get_buffer("inv_perm")!);
        }

        private (Tensor S, Tensor T) ScaleShift(Tensor u1)
        {
            var st = _net.call(u1);
            var s = ScaleClamp * (st.narrow(1, 0, _d2) / ScaleClamp).tanh();
            return (s, st.narrow(1, _d2, _d2));
        }
    }

    /// <summary>The inverse of a coupling block; shares (does not register) the block's parameters.</summary>
    private sealed class InverseCoupling : nn.Module<Tensor, Tensor>
    {
        private readonly AffineCoupling _block;

        public InverseCoupling(AffineCoupling block)
            : base(nameof(InverseCoupling))
        {
            _block = block;
        }

        public override Tensor forward(Tensor input) => _block.Inverse(input);
    }

    /// <summary>Keeps the first k coordinates and zeroes the rest.</summary>
    private sealed class ZeroPadBottleneck : nn.Module<Tensor, Tensor>
    {
        public ZeroPadBottleneck(int keep, int size)
            : base(nameof(ZeroPadBottleneck))
        {
            register_buffer("mask", torch.cat(new[] { torch.ones(keep), torch.zeros(size - keep) }));
        }

        // Buffers are looked up by name at each call, so they follow to(device) / to(dtype).
        public override Tensor forward(Tensor input) => input * get_buffer("mask")!;
    }
}
