using System.Globalization;
using InfoTheory.Cli.Output;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>mi --width-factors 0.5,1,2</c>: the estimate again with every kernel width multiplied by each factor, for the
/// estimators that have a width (renyi: σ_X, σ_Y; kde: h_X, h_Y, h_XY), through the library's <c>EstimateAcrossWidths</c>.
/// The option is in <see cref="ClassicalEstimators.Options"/>, so an estimator without a width refuses it like any option
/// that does not apply; the library checks the factors' range and the message is passed on with the option's name.
/// </summary>
internal static class WidthScanOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "width-factors";

    /// <summary>The option's spec (mi only).</summary>
    public static OptionSpec Spec { get; } = new(Name, "LIST",
        "renyi, kde: also estimate with every kernel width (renyi: sigma of x and y; kde: h of x, y and the joint xy) times each factor of this comma-separated list, each in [0.001, 1000], e.g. 0.5,1,2; text: a table of factor, widths, value and the width-dominated variables; --json: width_scan, one {factor, value, sigma_V, sigma_over_median_V, width_dominated_V for V = x, y (, xy), width_dominated} per factor");

    /// <summary>The factors as given, or null when the option was not given; only their syntax is checked here.</summary>
    /// <exception cref="UsageException">An empty list or item, or an item that is not a number.</exception>
    public static IReadOnlyList<double>? Parse(ParsedArguments args)
    {
        string? text = args.Get(Name);
        if (text is null)
        {
            return null;
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries);
        var factors = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].Length == 0 || !double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out factors[i]))
            {
                string what = items[i].Length == 0 ? (items.Length == 1 ? "is empty" : $"has an empty item at position {i + 1}") : $"has '{items[i]}', which is not a number";
                throw new UsageException($"--{Name} '{text}' {what}; give factors separated by commas, with '.' as the decimal point, e.g. --{Name} 0.5,1,2.");
            }
        }

        return factors;
    }

    /// <summary>Runs the scan; a factor the library refuses (NaN, ≤ 0, outside [0.001, 1000]) becomes a usage error naming the option.</summary>
    /// <exception cref="UsageException">A factor out of range.</exception>
    public static WidthScan Run(ParsedArguments args, IReadOnlyList<double> factors, Func<IReadOnlyList<double>, IReadOnlyList<InformationEstimate>> scan)
    {
        try
        {
            return new WidthScan(factors, scan(factors));
        }
        catch (ArgumentException e) when (e.ParamName == "factors")
        {
            throw new UsageException($"--{Name} '{args.Get(Name)}': {Cli.OneLine(e)}", e);
        }
    }
}
