using System.Globalization;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>--method exact|approx|auto</c> and <c>--tolerance BITS</c>: how the matrix-Rényi entropies are computed
/// (<see cref="MatrixRenyiOptions.Method"/> and <see cref="MatrixRenyiOptions.Tolerance"/>). Both are options of the
/// renyi estimator (<see cref="ClassicalEstimators.RenyiOptions"/>), so the other estimators refuse them; what the
/// approximate method cannot take (the median width, the PID proxies, the width scan) is refused here, before any file
/// is read, in the tool's words.
/// </summary>
internal static class MethodOption
{
    /// <summary>The name of <c>--method</c>.</summary>
    public const string Name = "method";

    /// <summary>The name of <c>--tolerance</c>.</summary>
    public const string ToleranceName = "tolerance";

    /// <summary>The value of <c>--method</c> for <see cref="MatrixRenyiMethod.Approximate"/>, as written in the output.</summary>
    public const string Approximate = "approx";

    /// <summary>The spec of <c>--method</c>.</summary>
    public static OptionSpec Spec { get; } = new(Name, "METHOD",
        "exact (default: the whole spectrum of each N×N Gram), approx (a certified interval [lower, upper] around the value, "
        + "no wider than --tolerance, from a partial factorisation: memory O(N·r), no N×N matrix; not with --bandwidth median or --width-factors) "
        + $"or auto (exact up to {MatrixRenyiOptions.AutomaticExactLimit} observations; above, approx, or exact where its interval would stay wider "
        + "than --tolerance and the exact spectra fit the memory budget)");

    /// <summary>The spec of <c>--tolerance</c>.</summary>
    public static OptionSpec ToleranceSpec { get; } = new(ToleranceName, "BITS",
        "with --method approx or auto: the widest interval the approximate method reports, in bits (default "
        + $"{MatrixRenyiOptions.DefaultToleranceBits.ToString(CultureInfo.InvariantCulture)}); one wider is flagged as missed");

    /// <summary>
    /// <paramref name="options"/> with the method and tolerance of <c>--method</c> and <c>--tolerance</c> (exact and the
    /// library's default tolerance when absent).
    /// </summary>
    /// <param name="args">The parsed options.</param>
    /// <param name="options">The settings so far (α, width rule, backend).</param>
    /// <param name="median">True when the width rule is <c>--bandwidth median</c>, which reads all pair distances.</param>
    /// <exception cref="UsageException">An unknown method, a bad tolerance, <c>--tolerance</c> with the exact method, or
    /// <c>--method approx</c> with the median width.</exception>
    public static MatrixRenyiOptions Apply(ParsedArguments args, MatrixRenyiOptions options, bool median)
    {
        string? text = args.Get(Name);
        var method = text is null ? MatrixRenyiMethod.Exact
            : Enum.GetValues<MatrixRenyiMethod>().Cast<MatrixRenyiMethod?>().FirstOrDefault(m => ValueOf(m!.Value) == text)
                ?? throw new UsageException($"--method '{text}' is not a method; accepted values: {string.Join(", ", Enum.GetValues<MatrixRenyiMethod>().Select(ValueOf))}.");
        double? tolerance = args.GetPositive(ToleranceName,
            $"give the interval's width in bits, e.g. --tolerance {MatrixRenyiOptions.DefaultToleranceBits.ToString(CultureInfo.InvariantCulture)} (the default).");
        if (tolerance is not null && method == MatrixRenyiMethod.Exact)
        {
            throw new UsageException(
                $"--tolerance sets the width of the approximate method's interval and has no effect with --method exact{(text is null ? " (the default)" : "")}; "
                + "add --method approx or --method auto, or drop --tolerance.");
        }

        if (median && method == MatrixRenyiMethod.Approximate)
        {
            throw new UsageException(
                "--bandwidth median reads all N² pair distances, which --method approx exists to avoid; give --bandwidth silverman or scott "
                + "or a fixed --sigma, or --method auto or exact (both compute the median width exactly).");
        }

        return options with
        {
            Method = method,
            Tolerance = tolerance is { } bits ? Information.FromBits(bits) : options.Tolerance,
        };
    }

    /// <summary>The value of <c>--method</c> that selects <paramref name="method"/>: exact, approx or auto.</summary>
    public static string ValueOf(MatrixRenyiMethod method) => method switch
    {
        MatrixRenyiMethod.Approximate => Approximate,
        MatrixRenyiMethod.Automatic => "auto",
        _ => "exact",
    };
}
