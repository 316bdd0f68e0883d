namespace InfoTheory.TorchSharp;

/// <summary>
/// Reports a training loop's progress as one <see cref="EstimationProgress"/> stage: at the start (0), whenever another
/// 1% of <c>total</c> is done, and at the end, so a handler is called about a hundred times at most however many steps
/// there are.
/// </summary>
internal sealed class StepProgress
{
    private readonly IProgress<EstimationProgress>? _progress;
    private readonly string _stage;
    private readonly long _total;
    private readonly long _every;

    /// <summary>Starts the stage (reports 0 of <paramref name="total"/>).</summary>
    public StepProgress(IProgress<EstimationProgress>? progress, string stage, long total)
    {
        _progress = progress;
        _stage = stage;
        _total = total;
        _every = Math.Max(1, (total + 99) / 100); // ⌈1%⌉
        progress?.Report(new EstimationProgress(stage, 0, total));
    }

    /// <summary>Reports <paramref name="done"/> units when it completes another 1% or the stage.</summary>
    public void Report(long done)
    {
        if (_progress is not null && (done % _every == 0 || done == _total))
        {
            _progress.Report(new EstimationProgress(_stage, done, _total));
        }
    }
}
