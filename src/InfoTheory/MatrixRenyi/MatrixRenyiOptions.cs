using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Settings of the matrix-based Rényi α-order entropy functional (Sanchez Giraldo, Rao &amp; Principe,
/// IEEE TIT 61(1) 2015, doi:10.1109/TIT.2014.2370058). Immutable; invalid values are refused when set.
/// </summary>
public sealed record MatrixRenyiOptions
{
    /// <summary>The default order α = 1.01 (the seed papers' choice: close to Shannon, still a power sum).</summary>
    public const double DefaultAlpha = 1.01;

    /// <summary>The default memory budget of one estimate: 4 GiB (one N×N matrix of N ≈ 23,000, or two of N ≈ 16,000).</summary>
    public const long DefaultMaxMemoryBytes = 4L << 30;

    private readonly double _alpha = DefaultAlpha;
    private readonly Bandwidth _bandwidth = Bandwidth.Default;
    private readonly IKernel _kernel = GaussianKernel.Instance;
    private readonly long _maxMemoryBytes = DefaultMaxMemoryBytes;
    private readonly ComputeBackend _backend = ComputeBackend.Cpu;
    private readonly MatrixRenyiMethod _method = MatrixRenyiMethod.Exact;
    private readonly Information _tolerance = Information.FromBits(DefaultToleranceBits);

    /// <summary>The default width of the certified interval of the approximate method: 0.01 bits.</summary>
    public const double DefaultToleranceBits = 0.01;

    /// <summary>The largest N at which <see cref="MatrixRenyiMethod.Automatic"/> computes the exact spectrum (about 3.5 s on 2 cores).</summary>
    public const int AutomaticExactLimit = 4096;

    /// <summary>The defaults: α = 1.01, Gaussian kernel, Silverman-style width with h = 5, a memory budget of 4 GiB per estimate.</summary>
    public static MatrixRenyiOptions Default { get; } = new();

    /// <summary>
    /// The order α &gt; 0. α = 1 gives the von Neumann entropy −Σλ·log λ exactly; α = 2 is computed in O(N²) as
    /// −log‖A‖²_F with no eigendecomposition.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not a finite number greater than 0.</exception>
    public double Alpha
    {
        get => _alpha;
        init
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Alpha), value,
                    $"alpha = {value} must be a finite number greater than 0; the papers use 1.01, and 2 is the fastest.");
            }

            _alpha = value;
        }
    }

    /// <summary>How σ is chosen for each variable (see <see cref="InfoTheory.Bandwidth"/>).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public Bandwidth Bandwidth
    {
        get => _bandwidth;
        init => _bandwidth = value ?? throw new ArgumentNullException(nameof(Bandwidth), "Give a bandwidth rule, e.g. Bandwidth.Silverman(5).");
    }

    /// <summary>The kernel; <see cref="GaussianKernel"/> by default.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IKernel Kernel
    {
        get => _kernel;
        init => _kernel = value ?? throw new ArgumentNullException(nameof(Kernel), "Give a kernel, e.g. GaussianKernel.Instance.");
    }

    /// <summary>
    /// The memory one estimate may use, in bytes (default 4 GiB): all its N×N matrices (Grams, products, the spectrum's
    /// matrix), the snapshots of its inputs and the eigen solvers' workspace, planned and checked before anything is
    /// allocated. An estimate over the budget is refused with what it needs and what would fit (a smaller N, α = 2 with a
    /// distance-free width, which streams pair sums and holds no N×N matrix, or a larger budget). Mutual information holds
    /// three N×N matrices at once, a PID pass C + 1 Grams plus one product per core.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long MaxMemoryBytes
    {
        get => _maxMemoryBytes;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxMemoryBytes), value, "MaxMemoryBytes must be at least 1 byte; the default is 4 GiB.");
            }

            _maxMemoryBytes = value;
        }
    }

    /// <summary>Use several cores (results do not depend on it beyond rounding).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// Where the Gram, Hadamard and eigenvalue work runs: <see cref="ComputeBackend.Cpu"/> (default) or a backend the
    /// caller created, e.g. InfoTheory.Ilgpu's <c>IlgpuBackend</c> (the caller owns and disposes it). Results agree with
    /// the CPU path up to floating-point rounding. Off the CPU, α = 2 builds the N×N Grams (the CPU path streams them).
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ComputeBackend Backend
    {
        get => _backend;
        init => _backend = value ?? throw new ArgumentNullException(nameof(Backend), "Give a compute backend, e.g. ComputeBackend.Cpu.");
    }

    /// <summary>
    /// How S_α is computed: <see cref="MatrixRenyiMethod.Exact"/> (default, the whole spectrum),
    /// <see cref="MatrixRenyiMethod.Approximate"/> (a certified interval no wider than <see cref="Tolerance"/>, memory
    /// O(N·r), no N×N matrix) or <see cref="MatrixRenyiMethod.Automatic"/> (exact up to <see cref="AutomaticExactLimit"/>
    /// observations, approximate above).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined method.</exception>
    public MatrixRenyiMethod Method
    {
        get => _method;
        init => _method = EnumGuard.Defined(value, nameof(Method));
    }

    /// <summary>
    /// The width the approximate method's certified interval must get below (default 0.01 bits): the factorisation grows
    /// until the reported value's interval [lower, upper] is at most this wide, or until its rank fills
    /// <see cref="MaxMemoryBytes"/> (then the interval is reported as it stands, wider). Used only by the approximate method.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and greater than 0.</exception>
    public Information Tolerance
    {
        get => _tolerance;
        init => _tolerance = value.Nats > 0 && double.IsFinite(value.Nats) ? value
            : throw new ArgumentOutOfRangeException(nameof(Tolerance), value.Bits,
                $"Tolerance = {value.Bits} bits must be a finite width greater than 0; the default is {DefaultToleranceBits} bits.");
    }

    /// <summary>True when an estimate on <paramref name="n"/> observations takes the approximate method.</summary>
    internal bool Approximates(int n) =>
        Method == MatrixRenyiMethod.Approximate
        || (Method == MatrixRenyiMethod.Automatic && n > AutomaticExactLimit && Kernel is GaussianKernel && !Bandwidth.NeedsDistances);
}
