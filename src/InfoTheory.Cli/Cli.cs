using System.Reflection;
using InfoTheory.Cli.Commands;
using InfoTheory.Cli.Output;

namespace InfoTheory.Cli;

/// <summary>
/// The entry point of the <c>infotheory</c> tool. Exit codes: 0 success (the result on stdout; stderr holds one
/// <c>warning: …</c> line per warning of the estimate, if any); 2 bad usage or bad input (exactly one <c>error: …</c>
/// line on stderr); 1 an unexpected failure (one line too, never a stack trace).
/// </summary>
internal static class Cli
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for an unexpected failure (a bug or the machine, not the input).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    public const int UsageError = 2;

    /// <summary>The tool's version, e.g. <c>0.1.0</c> (without the source-control suffix).</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(Cli).Assembly;
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            int plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    /// <summary>Runs the tool: parses <paramref name="args"/>, computes, writes the result or one error line.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            return Fail(stderr, e.Message, UsageError);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The library's and the readers' exceptions carry messages written for the user: pass them on.
            return Fail(stderr, OneLine(e), UsageError);
        }
        catch (Exception e)
        {
            return Fail(stderr, $"unexpected {e.GetType().Name}: {OneLine(e)}", Failure);
        }
    }

    /// <summary>The message of <paramref name="e"/> on one line, without .NET's "(Parameter 'x')" and "Actual value" suffixes.</summary>
    internal static string OneLine(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            // ArgumentOutOfRangeException appends "\nActual value was …" after the parameter suffix; drop both.
            int newline = message.IndexOfAny(['\r', '\n']);
            if (newline >= 0 && e is ArgumentOutOfRangeException)
            {
                message = message[..newline];
            }

            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given; run 'infotheory --help' to see the commands.");
        }

        string first = args[0];
        if (first is "--help" or "-h")
        {
            stdout.Write(HelpText.Overview());
            return Success;
        }

        if (first == "--version")
        {
            stdout.WriteLine($"infotheory {Version}");
            return Success;
        }

        var command = CommandCatalog.Find(first) ?? throw new UsageException(first.StartsWith('-')
            ? $"unknown option '{first}' before the command; run 'infotheory --help'."
            : $"unknown command '{first}'; the commands are {string.Join(", ", CommandCatalog.All.Select(c => c.Name))} (run 'infotheory --help').");
        var parsed = ParsedArguments.Parse(command, args.AsSpan(1));
        if (parsed.HelpRequested)
        {
            stdout.Write(HelpText.For(command));
            return Success;
        }

        var io = new CommandOutput(stdout);
        try
        {
            command.Run(parsed, io);
        }
        catch (ArgumentException e) when (e.ParamName is { } name && !e.Message.StartsWith("--", StringComparison.Ordinal)
            && command.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)) is { } option)
        {
            // The library names its parameter (sigma, k, Alpha): say which option of the command that was.
            throw new UsageException($"--{option.Name}: {OneLine(e)}", e);
        }

        // Only a command that succeeded warns: a failure prints its one error line and nothing else.
        foreach (var warning in io.Warnings)
        {
            stderr.WriteLine($"warning: {warning.Message}");
        }

        return Success;
    }

    private static int Fail(TextWriter stderr, string message, int code)
    {
        stderr.WriteLine($"error: {message}");
        return code;
    }
}
