using System.Globalization;
using System.Text;
using InfoTheory.Cli.Commands;

namespace InfoTheory.Cli.Output;

/// <summary>The <c>--help</c> texts, built from the command specs so they never drift from the parser.</summary>
internal static class HelpText
{
    /// <summary>The tool's help: usage and the commands.</summary>
    public static string Overview()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"infotheory {Cli.Version}: information measures of CSV and .npy data");
        text.AppendLine();
        text.AppendLine("Usage: infotheory COMMAND [options]");
        text.AppendLine("       infotheory COMMAND --help | --help | --version");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var command in CommandCatalog.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {command.Name,-15}{command.Summary}");
        }

        text.AppendLine();
        text.AppendLine("Data files: .csv (comma-separated numbers, one observation per row, optional header) or .npy.");
        text.AppendLine("Exit codes: 0 success, 2 bad usage or input (one 'error:' line on stderr), 1 unexpected failure, 130 cancelled");
        text.AppendLine("(Ctrl+C or SIGTERM stops the running command with one 'error: cancelled' line; a second Ctrl+C ends it at once).");
        return text.ToString();
    }

    /// <summary>One command's help: synopsis, description, options.</summary>
    public static string For(CommandSpec command)
    {
        var text = new StringBuilder();
        var required = command.Options.Where(o => o.Required).Select(o => $"--{o.Name} {o.Value}");
        if (command.Positional is { } word)
        {
            required = required.Prepend(word.Value ?? word.Name);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Usage: infotheory {command.Name} {string.Join(' ', required)} [options]");
        text.AppendLine();
        text.AppendLine(command.Description);
        text.AppendLine();
        if (command.Positional is { } positional)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {positional.Value ?? positional.Name,-21} {positional.Help}");
            text.AppendLine();
        }

        text.AppendLine("Options:");
        foreach (var option in command.Options)
        {
            string left = option.Value is null ? $"--{option.Name}" : $"--{option.Name} {option.Value}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {left,-21} {option.Help}{(option.Required ? " (required)" : string.Empty)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"--help",-21} show this help");
        return text.ToString();
    }
}
