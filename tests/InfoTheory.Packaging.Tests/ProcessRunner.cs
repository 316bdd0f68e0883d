using System.Diagnostics;
using System.Text;

namespace InfoTheory.Packaging.Tests;

/// <summary>What a finished command printed (stdout and stderr interleaved) and its exit code.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code, time and the end of its output, for assertion messages.</summary>
    public override string ToString()
    {
        const int Tail = 6000;
        string tail = Output.Length > Tail ? "…" + Output[^Tail..] : Output;
        return $"$ {Command}\nexit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{tail}";
    }
}

/// <summary>Runs commands the way a user's shell would, with a clean environment for nested dotnet builds.</summary>
internal static class ProcessRunner
{
    /// <summary>The dotnet host that runs this test (so the same SDK packs, builds and installs).</summary>
    public static string Dotnet { get; } = FindDotnet();

    /// <summary>Runs <paramref name="fileName"/> and waits for it (killing its process tree after <paramref name="timeout"/>).</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="environment">Variables to set (null value: remove) on top of the cleaned environment.</param>
    /// <param name="timeout">How long it may run (default in the method).</param>
    public static CommandResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` leaves MSBuild's own variables (MSBuildSDKsPath, MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...) in
        // the test host's environment; a nested `dotnet build` must find its SDK as a user's would.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";   // no build nodes outlive the test
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        string command = fileName + " " + string.Join(' ', start.ArgumentList);
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"Timed out: {new CommandResult(command, -1, Text(), clock.Elapsed)}");
        }

        process.WaitForExit();   // drains the redirected streams
        return new CommandResult(command, process.ExitCode, Text(), clock.Elapsed);

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Runs dotnet with <paramref name="arguments"/>.</summary>
    public static CommandResult DotnetRun(IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        Run(Dotnet, arguments, workingDirectory, environment);

    /// <summary>Throws with the command's output unless it exited with 0.</summary>
    public static CommandResult EnsureSuccess(this CommandResult result) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException($"Command failed:\n{result}");

    private static string FindDotnet()
    {
        // Set by the dotnet CLI for the processes it starts; otherwise the first dotnet on PATH.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No dotnet executable found (DOTNET_HOST_PATH unset and none on PATH).");
    }
}
