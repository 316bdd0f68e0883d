using System.Diagnostics;
using InfoTheory.Cli.Reproduction;
using InfoTheory.TorchSharp;
using TorchSharp;

namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>infotheory reproduce NAME</c>: re-runs one of the seed papers' experiments (<see cref="ExperimentCatalog"/>) with the
/// paper's settings and writes its figures, <c>report.json</c> and <c>report.md</c> with a verdict per claim;
/// <c>reproduce all</c> runs every experiment; <c>reproduce --docs FILE --runs DIR</c> writes docs/reproduction.md from the
/// reports of earlier runs.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>The command's spec.</summary>
    public static CommandSpec Spec { get; } = new(
        "reproduce",
        "re-run a seed paper's experiment and compute a verdict per claim",
        "Re-runs an experiment of the seed papers with their architecture, optimiser, data, probe, measurement schedule and "
        + "estimators, and writes its figures, report.json and report.md (every claim tested, quoted, with the measured numbers "
        + "and a verdict computed from the run: reproduced, partly, not reproduced) to --out. 'reproduce all' runs every "
        + "experiment into --out/NAME; '--list' names them; '--docs FILE --runs DIR' writes the reproduction page from the "
        + "report.json files under DIR (copying the figures beside FILE).",
        [
            new("quick", null, "a smoke-test size that finishes within a minute (decides nothing: the report says so)"),
            new("data", "DIR", "folder with the full MNIST IDX files (train + t10k) instead of the embedded 10k digits"),
            new("seed", "S", "seed of every random draw (default 1)"),
            new("bands", "B", "the Lee & Jo experiments also measure I(X;T) and I(T;X') on B disjoint parts of the probe (3 <= B, at most probe/10 are used) and count a fall of I(X;T) in their simplifying-phase claims only when the compression test finds it beyond the probe's noise"),
            new("out", "DIR", "output folder (default out/reproduce/NAME; for 'all', one subfolder per experiment)"),
            new("list", null, "list the experiments and exit"),
            new("docs", "FILE", "write the reproduction page to FILE from the reports under --runs (runs nothing)"),
            new("runs", "DIR", "with --docs: the folder holding one subfolder per experiment with its report.json"),
        ],
        Run)
    {
        Positional = new OptionSpec("name", "NAME", $"the experiment: {string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))}, or all"),
    };

    private static void Run(ParsedArguments args, CommandContext context)
    {
        var stdout = context.Stdout;
        if (args.Has("list"))
        {
            Reject(args, "list", "name", "quick", "data", "seed", "out", "docs", "runs");
            foreach (var e in ExperimentCatalog.All)
            {
                stdout.WriteLine($"{e.Name,-14} {e.Title}");
            }

            return;
        }

        if (args.Get("docs") is { } docs)
        {
            Reject(args, "docs", "name", "quick", "data", "seed", "out");
            string runs = args.Get("runs") ?? throw new UsageException("--docs needs --runs DIR, the folder of the runs' reports (e.g. out/reproduce).");
            var (fromRuns, stored) = ReproductionDocs.Write(docs, runs);
            stdout.WriteLine(stored == 0 ? $"wrote {docs} from {fromRuns} reports under {runs}"
                : $"wrote {docs} from {fromRuns} report(s) under {runs} and {stored} stored beside the page by an earlier write");
            return;
        }

        if (args.Has("runs"))
        {
            throw new UsageException("--runs goes with --docs FILE; to run an experiment, name it: 'infotheory reproduce NAME'.");
        }

        string name = args.Positional ?? throw new UsageException(
            $"'reproduce' needs an experiment: {string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))} or all (or --list).");
        var experiments = name == "all" ? ExperimentCatalog.All
            : ExperimentCatalog.Find(name) is { } one ? [one]
            : throw new UsageException($"'{name}' is not an experiment; they are {string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))} (or all).");
        bool quick = args.Has("quick");
        int seed = args.GetInt("seed") ?? 1;
        int bands = args.GetInt("bands", 3) ?? 1;
        string? data = args.Get("data");
        if (data is not null && !Directory.Exists(data))
        {
            throw new ArgumentException($"--data {data} is not a folder; give the folder holding the MNIST IDX files.", "data");
        }

        string root = args.Get("out") ?? Path.Combine("out", "reproduce");
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
        TorchRuntime.AvoidKnownFaults(); // oneDNN convolutions return NaN on some CPUs (TorchRuntime)
        foreach (var experiment in experiments)
        {
            string outDir = name == "all" || args.Get("out") is null ? Path.Combine(root, experiment.Name) : root;
            var run = new ExperimentRun(experiment, quick, seed, data, outDir, stdout, context.Cancellation) { Bands = bands };
            stdout.WriteLine($"reproduce {experiment.Name}: {experiment.Title}{(quick ? " (quick)" : "")}, seed {seed}");
            var clock = Stopwatch.StartNew();
            experiment.Run(run);
            string command = "infotheory reproduce " + experiment.Name + (quick ? " --quick" : "") + (seed == 1 ? "" : $" --seed {seed}") + (bands == 1 ? "" : $" --bands {bands}")
                + (data is null ? "" : " --data DIR");
            var report = run.ToReport(clock.Elapsed.TotalSeconds, command);
            report.Save(outDir);
            foreach (var claim in report.Claims)
            {
                stdout.WriteLine($"  {ReproductionReport.Label(claim.Verdict),-15} {claim.Id}: {claim.Measured}");
            }

            stdout.WriteLine($"  overall: {ReproductionReport.Label(report.Overall)}; wrote {Path.Combine(outDir, "report.md")} in {clock.Elapsed.TotalSeconds:F0} s");
        }
    }

    /// <summary>Options that do not apply to a mode are an error, not ignored.</summary>
    private static void Reject(ParsedArguments args, string mode, params string[] others)
    {
        if (others.Contains("name") && args.Positional is { } word)
        {
            throw new UsageException($"--{mode} takes no experiment name (got '{word}').");
        }

        foreach (string other in others.Where(o => o != "name" && args.Has(o)))
        {
            throw new UsageException($"--{other} does not apply with --{mode}.");
        }
    }
}
