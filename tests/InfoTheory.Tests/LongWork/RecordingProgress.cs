namespace InfoTheory.Tests.LongWork;

/// <summary>
/// A synchronous <see cref="IProgress{T}"/> that keeps every report (thread-safe) and can act on each one, e.g. cancel
/// a token after the n-th report (<see cref="Progress{T}"/> would post reports to the thread pool, out of order).
/// </summary>
internal sealed class RecordingProgress(Action<EstimationProgress>? onReport = null) : IProgress<EstimationProgress>
{
    private readonly List<EstimationProgress> _reports = [];
    private readonly Lock _gate = new();

    /// <summary>Every report so far, in order.</summary>
    public IReadOnlyList<EstimationProgress> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <inheritdoc />
    public void Report(EstimationProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }

    /// <summary>A progress that cancels <paramref name="source"/> at the first report satisfying <paramref name="when"/>.</summary>
    public static RecordingProgress CancellingWhen(CancellationTokenSource source, Func<EstimationProgress, bool> when) =>
        new(p =>
        {
            if (when(p))
            {
                source.Cancel();
            }
        });

    /// <summary>The reports, split into consecutive runs of one stage.</summary>
    public IReadOnlyList<(string Stage, IReadOnlyList<EstimationProgress> Reports)> Stages()
    {
        var stages = new List<(string, IReadOnlyList<EstimationProgress>)>();
        var current = new List<EstimationProgress>();
        foreach (var report in Reports)
        {
            if (current.Count > 0 && (report.Stage != current[0].Stage || report.Completed == 0))
            {
                stages.Add((current[0].Stage, current));
                current = [];
            }

            current.Add(report);
        }

        if (current.Count > 0)
        {
            stages.Add((current[0].Stage, current));
        }

        return stages;
    }

    /// <summary>
    /// Asserts the stages are exactly <paramref name="expected"/> (name and total), each starting at 0, strictly increasing,
    /// ending at its total, with one total throughout and at most 102 reports (the start, one per 1% and the end).
    /// </summary>
    public void AssertComplete(params (string Stage, long Total)[] expected)
    {
        var stages = Stages();
        Assert.Equal(expected.Select(e => e.Stage), stages.Select(s => s.Stage));
        for (int s = 0; s < stages.Count; s++)
        {
            var reports = stages[s].Reports;
            Assert.All(reports, r => Assert.Equal(expected[s].Total, r.Total));
            Assert.Equal(0, reports[0].Completed);
            Assert.Equal(expected[s].Total, reports[^1].Completed);
            for (int i = 1; i < reports.Count; i++)
            {
                Assert.True(reports[i].Completed > reports[i - 1].Completed,
                    $"{stages[s].Stage}: report {i} went from {reports[i - 1].Completed} to {reports[i].Completed}");
            }

            Assert.InRange(reports.Count, 2, 102);
        }
    }
}
