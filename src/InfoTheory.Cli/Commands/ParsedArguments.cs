using System.Globalization;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// The options given to one command, checked against its <see cref="CommandSpec"/>. Accepts <c>--name value</c> and
/// <c>--name=value</c>; every mistake (unknown, repeated or value-less option, stray word) is a <see cref="UsageException"/>.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private ParsedArguments(CommandSpec command) => Command = command;

    /// <summary>The command the options belong to.</summary>
    public CommandSpec Command { get; }

    /// <summary>The command's one positional word (<see cref="CommandSpec.Positional"/>), or null when not given.</summary>
    public string? Positional { get; private set; }

    /// <summary>True when <c>--help</c> or <c>-h</c> was given (nothing else is checked then).</summary>
    public bool HelpRequested { get; private set; }

    /// <summary>Parses the arguments after the command word.</summary>
    /// <exception cref="UsageException">An unknown, repeated or incomplete option, or a missing required one.</exception>
    public static ParsedArguments Parse(CommandSpec command, ReadOnlySpan<string> args)
    {
        var result = new ParsedArguments(command);
        foreach (string arg in args)
        {
            if (arg is "--help" or "-h")
            {
                result.HelpRequested = true;
                return result;
            }
        }

        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) && command.Positional is not null && result.Positional is null)
            {
                result.Positional = arg;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' for '{command.Name}'; options start with '--' (run 'infotheory {command.Name} --help').");
            }

            string name = arg[2..];
            string? inline = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var spec = command.Find(name) ?? throw new UsageException(
                $"unknown option '--{name}' for '{command.Name}'; it accepts {string.Join(", ", command.Options.Select(o => "--" + o.Name))}.");
            if (result._values.ContainsKey(name))
            {
                throw new UsageException($"option --{name} is given twice; give it once.");
            }

            string? value = null;
            if (spec.Value is null)
            {
                if (inline is not null)
                {
                    throw new UsageException($"option --{name} is a flag and takes no value (got '{inline}').");
                }
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                // A value may start with a single '-' (e.g. --seed -3): only "--" marks the next option.
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option --{name} needs a value ({spec.Value}).");
            }

            result._values[name] = value;
        }

        foreach (var option in command.Options.Where(o => o.Required))
        {
            if (!result._values.ContainsKey(option.Name))
            {
                throw new UsageException($"'{command.Name}' needs --{option.Name} {option.Value} (run 'infotheory {command.Name} --help').");
            }
        }

        return result;
    }

    /// <summary>True when the option (or flag) was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of an option, or null when it was not given.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The value of a required option.</summary>
    public string Require(string name) =>
        Get(name) ?? throw new UsageException($"'{Command.Name}' needs --{name} (run 'infotheory {Command.Name} --help').");

    /// <summary>The value as a finite number greater than 0, or null when not given.</summary>
    /// <exception cref="UsageException">The value is not such a number.</exception>
    public double? GetPositive(string name, string fix)
    {
        string? text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new UsageException($"--{name} '{text}' is not a number; write it with '.' as the decimal point, e.g. --{name} 1.5.");
        }

        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new UsageException($"--{name} {text} must be a finite number greater than 0; {fix}");
        }

        return value;
    }

    /// <summary>The value as an integer, or null when not given.</summary>
    /// <exception cref="UsageException">The value is not an integer or is below <paramref name="minimum"/>.</exception>
    public int? GetInt(string name, int minimum = int.MinValue, string? alternatives = null)
    {
        string? text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"--{name} '{text}' is not a whole number{(alternatives is null ? "" : $" or {alternatives}")}.");
        }

        if (value < minimum)
        {
            throw new UsageException($"--{name} {text} must be at least {minimum}.");
        }

        return value;
    }
}
