namespace InfoTheory.Cli.Output;

/// <summary>
/// <c>--progress</c>: the library's progress on stderr as <c>progress: STAGE DONE/TOTAL (P%)</c> lines, one when a stage
/// starts and one per further tenth of it, so a run prints a few dozen lines at most and stdout stays the result alone.
/// </summary>
internal sealed class ProgressPrinter(TextWriter stderr) : IProgress<EstimationProgress>
{
    private string? _stage;
    private int _tenth;

    /// <inheritdoc />
    public void Report(EstimationProgress value)
    {
        int tenth = (int)Math.Floor(10 * value.Fraction);
        if (value.Stage == _stage && tenth == _tenth)
        {
            return;
        }

        _stage = value.Stage;
        _tenth = tenth;
        stderr.WriteLine($"progress: {value}");
    }
}
