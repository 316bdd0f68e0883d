namespace InfoTheory.TorchSharp;

/// <summary>When an <see cref="InformationMonitor"/> measures: every n iterations, every n epochs, or only on request.</summary>
public sealed class Schedule
{
    private Schedule(int? iterations, int? epochs) => (IterationInterval, EpochInterval) = (iterations, epochs);

    /// <summary>Only when <see cref="InformationMonitor.MeasureNow"/> is called.</summary>
    public static Schedule Manual { get; } = new(null, null);

    /// <summary>Interval in iterations (measures in <see cref="InformationMonitor.Step"/> when iteration mod n = 0), or null.</summary>
    public int? IterationInterval { get; }

    /// <summary>Interval in epochs (measures in <see cref="InformationMonitor.EpochEnd"/> when epoch mod n = 0), or null.</summary>
    public int? EpochInterval { get; }

    /// <summary>Measure in <see cref="InformationMonitor.Step"/> at iterations 0, n, 2n, … (iterations as the caller counts them; a global count is best).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static Schedule EveryIterations(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new Schedule(n, null);
    }

    /// <summary>Measure in <see cref="InformationMonitor.EpochEnd"/> at epochs that are multiples of <paramref name="n"/> (every epoch for n = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static Schedule Epochs(int n = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new Schedule(null, n);
    }

    /// <summary>This schedule and also every <paramref name="n"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public Schedule AndEpochs(int n = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new Schedule(IterationInterval, n);
    }

    /// <summary>True when a step at <paramref name="iteration"/> is due.</summary>
    public bool IsDueAtIteration(int iteration) => IterationInterval is { } n && iteration % n == 0;

    /// <summary>True when the end of <paramref name="epoch"/> is due.</summary>
    public bool IsDueAtEpochEnd(int epoch) => EpochInterval is { } n && epoch % n == 0;

    /// <inheritdoc />
    public override string ToString() => (IterationInterval, EpochInterval) switch
    {
        (null, null) => "manual",
        ({ } i, null) => $"every {i} iterations",
        (null, { } e) => $"every {e} epochs",
        ({ } i, { } e) => $"every {i} iterations and every {e} epochs",
    };
}
