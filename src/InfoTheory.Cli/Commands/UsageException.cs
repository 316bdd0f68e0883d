namespace InfoTheory.Cli.Commands;

/// <summary>A mistake on the command line or in an input file, reported as one <c>error:</c> line with exit code 2.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
