using System.Globalization;
using System.Text.RegularExpressions;

namespace InfoTheory.Cli.Commands;

/// <summary><c>--max-memory SIZE</c>: the memory budget of one call (input arrays, Gram matrices, workspace).</summary>
internal static partial class MemoryOption
{
    /// <summary>The option's spec.</summary>
    public static OptionSpec Spec { get; } = new("max-memory", "SIZE",
        "the call's memory budget: input arrays, N×N matrices, workspace (default 4GiB; e.g. 512MiB, 16GiB, 1e9 bytes)");

    /// <summary>Sets <paramref name="context"/>'s budget from <c>--max-memory</c>, when given.</summary>
    /// <exception cref="UsageException">Not a size.</exception>
    public static void Apply(ParsedArguments args, CommandContext context)
    {
        if (args.Get("max-memory") is { } text)
        {
            context.SetMemoryBudget(Parse(text));
        }
    }

    /// <summary>Bytes from "4GiB", "512MiB", "100KiB", "2GB" (decimal), "1e9" or "1000000" (bytes).</summary>
    /// <exception cref="UsageException">Not a positive size.</exception>
    public static long Parse(string text)
    {
        var m = SizePattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            throw new UsageException($"--max-memory '{text}' is not a size; write e.g. 4GiB, 512MiB or a number of bytes.");
        }

        double unit = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            _ => 1e12,
        };
        double bytes = number * unit;
        if (!(bytes >= 1) || bytes > long.MaxValue / 2)
        {
            throw new UsageException($"--max-memory {text} must be at least 1 byte and at most 4 EiB, e.g. 4GiB.");
        }

        return (long)bytes;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
