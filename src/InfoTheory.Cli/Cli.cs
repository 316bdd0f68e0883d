using System.Reflection;
using System.Runtime.InteropServices;
using InfoTheory.Cli.Commands;
using InfoTheory.Cli.Output;

namespace InfoTheory.Cli;

/// <summary>
/// The entry point of the <c>infotheory</c> tool. Exit codes: 0 success (the result on stdout; stderr holds one
/// <c>warning: …</c> line per warning of the estimate, if any); 2 bad usage or bad input (exactly one <c>error: …</c>
/// line on stderr); 1 an unexpected failure (one line too, never a stack trace); 130 cancelled by Ctrl+C (SIGINT) or
/// SIGTERM (one <c>error: cancelled</c> line).
/// </summary>
internal static class Cli
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for an unexpected failure (a bug or the machine, not the input).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a command cancelled by Ctrl+C (SIGINT) or SIGTERM: 128 + SIGINT, as shells report an interrupt.</summary>
    public const int Cancelled = 130;

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

    /// <summary>
    /// Runs the tool as a process: on the console's writers, with the first SIGINT (Ctrl+C) or SIGTERM cancelling the
    /// command (which then ends with <see cref="Cancelled"/> and one <c>error: cancelled</c> line) and a second one
    /// ending the process at once, for a computation that does not check for cancellation.
    /// </summary>
    /// <returns>The exit code.</returns>
    public static int RunProcess(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            // The first signal asks the command to stop; a second one gets the default handling (the process ends).
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return Run(args, Console.Out, Console.Error, cancellation.Token);
    }

    /// <summary>Runs the tool: parses <paramref name="args"/>, computes, writes the result or one error line.</summary>
    /// <param name="args">The command line after the program name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where the error line, the warnings and <c>--progress</c> go.</param>
    /// <param name="cancellationToken">Cancels the command: it then returns <see cref="Cancelled"/> after one <c>error: cancelled</c> line.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return Dispatch(args, stdout, stderr, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(stderr, "cancelled", Cancelled);
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

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
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

        cancellationToken.ThrowIfCancellationRequested();
        var context = new CommandContext(stdout, parsed.Has("progress") ? new ProgressPrinter(stderr) : null, cancellationToken);
        MemoryOption.Apply(parsed, context);
        try
        {
            command.Run(parsed, context);
        }
        catch (ArgumentException e) when (e.ParamName is { } name && !e.Message.StartsWith("--", StringComparison.Ordinal)
            && command.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)) is { } option)
        {
            // The library names its parameter (sigma, k, Alpha): say which option of the command that was.
            throw new UsageException($"--{option.Name}: {OneLine(e)}", e);
        }

        // Only a command that succeeded warns: a failure prints its one error line and nothing else.
        foreach (var warning in context.Warnings)
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
