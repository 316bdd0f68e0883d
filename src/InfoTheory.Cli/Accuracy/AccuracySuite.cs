using System.Diagnostics;

namespace InfoTheory.Cli.Accuracy;

/// <summary>One estimate of one task by one estimator.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Estimator">The estimator's name.</param>
/// <param name="Count">N.</param>
/// <param name="Seed">The seed of the draw and of the estimator.</param>
/// <param name="Truth">The true MI in nats.</param>
/// <param name="Estimate">The estimate in nats (NaN when it failed).</param>
/// <param name="Seconds">Wall-clock seconds of the estimate (construction, fit and evaluation; not the draw).</param>
/// <param name="Error">The failure's message, or null.</param>
internal sealed record AccuracyRun(string Task, string Estimator, int Count, int Seed, double Truth, double Estimate, double Seconds, string? Error);

/// <summary>The runs of one (task, estimator, N) summarised over seeds.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Estimator">The estimator's name.</param>
/// <param name="Count">N.</param>
/// <param name="Truth">The true MI in nats.</param>
/// <param name="Mean">The mean estimate over the successful seeds (NaN if none).</param>
/// <param name="Spread">The sample standard deviation over seeds (0 for one seed).</param>
/// <param name="Solved">|ln(mean/true)| &lt; ln 1.5 (the criterion of Czyż et al. 2023 / issue 3), false for a non-positive mean.</param>
/// <param name="SolvedSeeds">How many seeds individually met the criterion.</param>
/// <param name="Seeds">How many seeds ran successfully.</param>
/// <param name="MeanSeconds">The mean time of a run.</param>
/// <param name="Error">The first failure's message, or null.</param>
internal sealed record AccuracySummary(string Task, string Estimator, int Count, double Truth, double Mean, double Spread, bool Solved,
    int SolvedSeeds, int Seeds, double MeanSeconds, string? Error);

/// <summary>Runs estimators over synthetic tasks with known MI and summarises how close they come.</summary>
internal static class AccuracySuite
{
    /// <summary>The tolerance of "solved": the estimate within a factor 1.5 of the truth.</summary>
    public static readonly double SolvedLogRatio = Math.Log(1.5);

    /// <summary>Whether <paramref name="estimate"/> is within a factor 1.5 of <paramref name="truth"/>.</summary>
    public static bool IsSolved(double estimate, double truth) =>
        estimate > 0 && truth > 0 && Math.Abs(Math.Log(estimate / truth)) < SolvedLogRatio;

    /// <summary>
    /// Every (task, N, seed, estimator) run, in that order; <paramref name="progress"/> is called after each. The token is
    /// checked before each run and passed to its estimator, so a cancelled suite stops within one estimator's check interval.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IReadOnlyList<AccuracyRun> Run(IReadOnlyList<ISyntheticTask> tasks, IReadOnlyList<AccuracyEstimator> estimators,
        IReadOnlyList<int> counts, int seeds, bool quick, Action<AccuracyRun>? progress = null, int? steps = null, ComputeBackend? backend = null,
        CancellationToken cancellationToken = default)
    {
        var runs = new List<AccuracyRun>();
        foreach (var task in tasks)
        {
            foreach (int n in counts)
            {
                for (int seed = 0; seed < seeds; seed++)
                {
                    var sample = task.Sample(n, seed);
                    foreach (var entry in estimators)
                    {
                        if (entry.AppliesTo is { } applies && !applies(task))
                        {
                            continue;
                        }

                        var x = sample.X;
                        var y = sample.Y;
                        if (entry.MaxSamples is { } max && max < n)
                        {
                            var first = Enumerable.Range(0, max).ToArray();
                            x = x.Select(first);
                            y = y.Select(first);
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        var clock = Stopwatch.StartNew();
                        double value;
                        string? error = null;
                        try
                        {
                            value = entry.Create(new EstimatorContext(task, n, seed, quick, steps, backend)).Estimate(x, y, cancellationToken).Value.Nats;
                        }
                        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
                        {
                            value = double.NaN;
                            error = Cli.OneLine(e);
                        }

                        var run = new AccuracyRun(task.Name, entry.Name, n, seed, task.TrueMutualInformation.Nats, value, clock.Elapsed.TotalSeconds, error);
                        runs.Add(run);
                        progress?.Invoke(run);
                    }
                }
            }
        }

        return runs;
    }

    /// <summary>The runs grouped by (task, estimator, N), in first-seen order.</summary>
    public static IReadOnlyList<AccuracySummary> Summarise(IEnumerable<AccuracyRun> runs) =>
        runs.GroupBy(r => (r.Task, r.Estimator, r.Count)).Select(g =>
        {
            var ok = g.Where(r => r.Error is null && double.IsFinite(r.Estimate)).Select(r => r.Estimate).ToArray();
            double truth = g.First().Truth;
            double mean = ok.Length > 0 ? ok.Average() : double.NaN;
            double spread = ok.Length > 1 ? Math.Sqrt(ok.Sum(v => (v - mean) * (v - mean)) / (ok.Length - 1)) : 0;
            return new AccuracySummary(g.Key.Task, g.Key.Estimator, g.Key.Count, truth, mean, spread, IsSolved(mean, truth),
                ok.Count(v => IsSolved(v, truth)), ok.Length, g.Average(r => r.Seconds), g.FirstOrDefault(r => r.Error is not null)?.Error);
        }).ToList();
}
