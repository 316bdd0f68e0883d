using System.Globalization;
using System.Text;

namespace InfoTheory.Cli.Reproduction;

/// <summary>
/// Writes docs/reproduction.md from the reports of full runs (<c>infotheory reproduce --docs FILE --runs DIR</c>, called by
/// scripts/reproduce-docs.sh): a summary table of the verdicts, then every report in catalogue order, with its figures
/// and its report.json copied to <c>figures/reproduction/NAME/</c> beside the page. An experiment with no run under
/// --runs keeps the report stored there by an earlier write, so re-running some experiments
/// (<c>scripts/reproduce-docs.sh NAME ...</c>) updates their sections and leaves the others as they were. Nothing in the
/// page is written by hand.
/// </summary>
internal static class ReproductionDocs
{
    /// <summary>Writes the page and returns how many of its reports came from runs under <paramref name="runs"/> and how many were stored by an earlier write.</summary>
    /// <param name="file">The page, e.g. docs/reproduction.md.</param>
    /// <param name="runs">The folder with one subfolder per experiment, each with its report.json and figures.</param>
    /// <param name="experiments">The experiments to look for, in page order; null for <see cref="ExperimentCatalog.All"/>.</param>
    /// <exception cref="ArgumentException">No report under <paramref name="runs"/>, or a quick run among them.</exception>
    public static (int FromRuns, int Stored) Write(string file, string runs, IReadOnlyList<Experiment>? experiments = null)
    {
        if (!Directory.Exists(runs))
        {
            throw new ArgumentException($"--runs {runs} is not a folder; give the --out folder of 'infotheory reproduce all'.", nameof(runs));
        }

        string docsDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var reports = new List<(ReproductionReport Report, string Folder)>();
        int fromRuns = 0;
        foreach (var experiment in experiments ?? ExperimentCatalog.All)
        {
            string folder = Path.Combine(runs, experiment.Name);
            string stored = FiguresOf(docsDir, experiment.Name);
            if (File.Exists(Path.Combine(folder, "report.json")))
            {
                reports.Add((ReproductionReport.Load(Path.Combine(folder, "report.json")), folder));
                fromRuns++;
            }
            else if (File.Exists(Path.Combine(stored, "report.json")))
            {
                reports.Add((ReproductionReport.Load(Path.Combine(stored, "report.json")), stored));
            }
        }

        if (fromRuns == 0)
        {
            throw new ArgumentException($"--runs {runs} holds no NAME/report.json of a known experiment; run 'infotheory reproduce all --out {runs}' first.", nameof(runs));
        }

        if (reports.FirstOrDefault(r => r.Report.Quick) is { Report: not null } quick)
        {
            throw new ArgumentException($"{quick.Folder} is a --quick run, which decides nothing; the page is written from full runs only.", nameof(runs));
        }

        var md = new StringBuilder();
        md.AppendLine("# Reproducing the seed papers' experiments");
        md.AppendLine();
        md.AppendLine("This page is generated from the reports of full runs of `infotheory reproduce` (do not edit it by hand):");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("bash scripts/reproduce-docs.sh            # runs every experiment below at full size, then rewrites this page");
        md.AppendLine("bash scripts/reproduce-docs.sh NAME ...   # re-runs the named ones; the others keep their stored reports");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Each experiment re-runs a paper's setting (architecture, optimiser, data, probe, measurement schedule, estimator) and");
        md.AppendLine("tests the paper's claims with a rule written beside each claim in the code (src/InfoTheory.Cli/Reproduction/Experiments/);");
        md.AppendLine("the verdict is computed from the run's numbers. Where our data or machine forces a difference, the report says so.");
        md.AppendLine();
        md.AppendLine("A seed gives the same numbers run after run on one machine. On another CPU the numbers can move in the second or");
        md.AppendLine("third decimal: libtorch picks its training kernels by the CPU's vector instructions (each report names them), and");
        md.AppendLine("different rounding grows over training. For example `infotheory reproduce yu-dpi --seed 1` on an AVX-512 machine gave");
        md.AppendLine("I(δ_out;δ_conv1) = 1.386 bits for the 6/12 network, and 1.430 bits on the same machine with libtorch held to its AVX2");
        md.AppendLine("kernels (`ATEN_CPU_CAPABILITY=avx2`); the verdicts were the same.");
        md.AppendLine();
        md.AppendLine("| Experiment | Paper | Claims: reproduced / partly / not | Overall |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var (r, _) in reports)
        {
            int yes = r.Claims.Count(c => c.Verdict == Verdict.Reproduced), partly = r.Claims.Count(c => c.Verdict == Verdict.Partly);
            md.AppendLine(CultureInfo.InvariantCulture, $"| [`{r.Experiment}`](#{Anchor(r)}) | {r.Paper.Citation} | {yes} / {partly} / {r.Claims.Count - yes - partly} | {ReproductionReport.Label(r.Overall)} |");
        }

        md.AppendLine();
        var missing = (experiments ?? ExperimentCatalog.All).Where(e => reports.All(r => r.Report.Experiment != e.Name)).Select(e => $"`{e.Name}`").ToList();
        if (missing.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Not yet run at full size, so not on this page: {string.Join(", ", missing)} (`bash scripts/reproduce-docs.sh NAME ...` adds them).");
            md.AppendLine();
        }

        foreach (var (r, folder) in reports)
        {
            string figures = FiguresOf(docsDir, r.Experiment);
            if (Path.GetFullPath(folder) != Path.GetFullPath(figures))
            {
                Directory.CreateDirectory(figures);
                foreach (var figure in r.Figures)
                {
                    File.Copy(Path.Combine(folder, figure.File), Path.Combine(figures, figure.File), overwrite: true);
                }

                File.Copy(Path.Combine(folder, "report.json"), Path.Combine(figures, "report.json"), overwrite: true);
            }

            md.Append(r.ToMarkdown(headingLevel: 2, figurePrefix: $"figures/reproduction/{r.Experiment}/"));
        }

        File.WriteAllText(file, md.ToString());
        return (fromRuns, reports.Count - fromRuns);
    }

    /// <summary>The folder beside the page that holds an experiment's figures and report.json.</summary>
    private static string FiguresOf(string docsDir, string experiment) => Path.Combine(docsDir, "figures", "reproduction", experiment);

    /// <summary>GitHub's anchor of a report's heading.</summary>
    private static string Anchor(ReproductionReport r) =>
        new string($"{r.Experiment}: {r.Title}".ToLowerInvariant().Where(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-').ToArray()).Replace(' ', '-');
}
