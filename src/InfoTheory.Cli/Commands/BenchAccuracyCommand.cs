using System.Globalization;
using InfoTheory.Cli.Accuracy;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>infotheory bench-accuracy</c>: runs the named estimators over synthetic tasks with known MI (BMI's Gaussian,
/// Student-t and transformed tasks; 16×16 and 32×32 images) at several N and seeds, and writes accuracy.md,
/// accuracy.csv and accuracy.png to --out.
/// </summary>
internal static class BenchAccuracyCommand
{
    private static readonly string[] QuickTasks = ["1v1-normal-0.75", "blobs-16x16-1nats"];

    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "bench-accuracy",
        "accuracy of the MI estimators on synthetic tasks with known MI",
        "Draws every task (BMI Gaussian, Student-t, transformed; images of blobs and rectangles) at each N and seed, runs "
        + "each estimator, and writes accuracy.md (mean, spread, solved = |ln(est/true)| < ln 1.5, time), accuracy.csv "
        + "(every run) and accuracy.png (estimate against truth) to --out.",
        [
            new("n", "N[,N...]", "sample sizes (default 5000,10000)"),
            new("seeds", "K", "seeds per cell, 0..K-1 (default 3)"),
            new("tasks", "NAME[,NAME...]", "tasks to run (default all; 'list' prints them)"),
            new("estimators", "NAME[,NAME...]", "estimators to run (default: the registry's defaults; 'list' prints them)"),
            new("out", "DIR", "output folder (default out/accuracy)"),
            new("steps", "K", "training steps of the neural estimators (default 2000)"),
            new("threads", "T", "torch threads (default 1: small networks run fastest on one thread; runs are sequential)"),
            new("from", "CSV[,CSV...]", "redraw the report from accuracy.csv files of earlier runs (merging them) instead of running"),
            new("quick", null, "tiny settings for a smoke test: N = 300, 1 seed, two tasks, 20 training steps"),
            DeviceOption.Spec,
        ],
        Run);

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        if (args.Get("tasks") == "list" || args.Get("estimators") == "list")
        {
            foreach (var t in SyntheticTasks.All())
            {
                stdout.WriteLine($"task {t.Name}: {t.XDimensions}x{t.YDimensions}, I = {t.TrueMutualInformation.Nats.ToString("F4", CultureInfo.InvariantCulture)} nats");
            }

            foreach (var e in EstimatorRegistry.Builtin)
            {
                stdout.WriteLine($"estimator {e.Name}{(e.IsDefault ? "" : " (not default)")}: {e.Description}");
            }

            return;
        }

        if (args.Get("from") is { } from)
        {
            string dir = args.Get("out") ?? Path.Combine("out", "accuracy");
            Directory.CreateDirectory(dir);
            var old = List(from)!.SelectMany(AccuracyReport.ReadCsv).ToList();
            var names = old.Select(r => r.Estimator).Distinct().ToList();
            var known = names.Select(name => EstimatorRegistry.Builtin.FirstOrDefault(e => e.Name == name)
                ?? new AccuracyEstimator(name, "(not registered)", _ => throw new InvalidOperationException())).ToList();
            int oldSeeds = old.GroupBy(r => (r.Task, r.Estimator, r.Count)).Max(g => g.Count());
            File.WriteAllText(Path.Combine(dir, "accuracy.md"), AccuracyReport.Markdown(AccuracySuite.Summarise(old), known, oldSeeds,
                "(merged from " + string.Join(", ", List(from)!.Select(Path.GetFileName)) + ")", "see the runs' settings"));
            File.WriteAllText(Path.Combine(dir, "accuracy.csv"), AccuracyReport.Csv(old));
            AccuracyReport.SavePlot(AccuracySuite.Summarise(old), Path.Combine(dir, "accuracy.png"));
            stdout.WriteLine($"wrote the report of {old.Count} run(s) to {dir}");
            return;
        }

        bool quick = args.Has("quick");
        var counts = ParseCounts(args.Get("n")) ?? (quick ? [300] : [5000, 10_000]);
        int seeds = args.GetInt("seeds", 1) ?? (quick ? 1 : 3);
        var tasks = List(args.Get("tasks"))?.Select(SyntheticTasks.Find).ToList()
            ?? (quick ? QuickTasks.Select(SyntheticTasks.Find).ToList() : [.. SyntheticTasks.All()]);
        var estimators = List(args.Get("estimators"))?.Select(EstimatorRegistry.Find).ToList()
            ?? EstimatorRegistry.Builtin.Where(e => e.IsDefault).ToList();
        int? steps = args.GetInt("steps", 1);
        var backend = DeviceOption.Resolve(args.Get("device"));
        int threads = args.GetInt("threads", 1) ?? 1;
        global::TorchSharp.torch.set_num_threads(threads);
        TorchRuntime.AvoidKnownFaults(); // oneDNN convolutions return NaN on some CPUs (TorchRuntime)
        string outDir = args.Get("out") ?? Path.Combine("out", "accuracy");
        Directory.CreateDirectory(outDir);

        stdout.WriteLine($"bench-accuracy: {tasks.Count} task(s) x {estimators.Count} estimator(s) x N = {string.Join(",", counts)} x {seeds} seed(s){(quick ? " (quick)" : "")}");
        var runs = AccuracySuite.Run(tasks, estimators, counts, seeds, quick, r => stdout.WriteLine(
            $"  {r.Task,-28} {r.Estimator,-12} N={r.Count,-6} seed={r.Seed} true={F(r.Truth)} est={(r.Error is null ? F(r.Estimate) : "failed: " + r.Error)} ({r.Seconds:F1} s)"), steps, backend,
            context.Cancellation);
        var summaries = AccuracySuite.Summarise(runs);
        string machine = $"{Environment.ProcessorCount} logical CPU(s), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
        string md = Path.Combine(outDir, "accuracy.md");
        string csv = Path.Combine(outDir, "accuracy.csv");
        string png = Path.Combine(outDir, "accuracy.png");
        File.WriteAllText(md, AccuracyReport.Markdown(summaries, estimators, seeds, machine,
            $"neural training steps {steps ?? (quick ? 20 : 2000)}, torch threads {threads}, device {backend.Name}"));
        File.WriteAllText(csv, AccuracyReport.Csv(runs));
        AccuracyReport.SavePlot(summaries, png);
        stdout.WriteLine($"wrote {md}, {csv}, {png}");
    }

    private static List<string>? List(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<int>? ParseCounts(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var counts = new List<int>();
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 20)
            {
                throw new UsageException($"--n {value}: each sample size must be an integer ≥ 20 (e.g. --n 5000,10000).");
            }

            counts.Add(n);
        }

        return counts.Count > 0 ? counts : throw new UsageException("--n needs at least one sample size, e.g. --n 5000.");
    }

    private static string F(double nats) => double.IsFinite(nats) ? nats.ToString("F4", CultureInfo.InvariantCulture) : "NaN";
}
