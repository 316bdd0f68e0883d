using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoTheory.Cli.Reproduction;

/// <summary>What a run concludes about one claim of a paper.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
internal enum Verdict
{
    /// <summary>The rule's condition for a reproduction holds.</summary>
    Reproduced,

    /// <summary>Part of the claim holds (the rule says which part).</summary>
    Partly,

    /// <summary>The run contradicts the claim, or shows none of it.</summary>
    NotReproduced,
}

/// <summary>A setting of the run beside the paper's value.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Ours">The run's value.</param>
/// <param name="Paper">The paper's value and where it is stated, or null when the same.</param>
internal sealed record SettingRecord(string Name, string Ours, string? Paper);

/// <summary>A claim of a paper and the verdict of a run.</summary>
/// <param name="Id">A stable key.</param>
/// <param name="Quote">The paper's words.</param>
/// <param name="Where">Section or figure.</param>
/// <param name="Rule">How the verdict was decided.</param>
/// <param name="Measured">What the run measured, with numbers.</param>
/// <param name="Verdict">The verdict.</param>
internal sealed record ClaimResult(string Id, string Quote, string Where, string Rule, string Measured, Verdict Verdict);

/// <summary>A figure written by a run.</summary>
/// <param name="File">File name in the run's folder.</param>
/// <param name="Caption">What it shows.</param>
internal sealed record FigureRecord(string File, string Caption);

/// <summary>A table of a report (formatted values).</summary>
/// <param name="Title">Its title.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Rows, each as long as <paramref name="Columns"/>.</param>
internal sealed record TableRecord(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A key number of a run.</summary>
/// <param name="Name">A stable key.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit.</param>
internal sealed record MeasuredValue(string Name, double Value, string Unit);

/// <summary>
/// The report of one reproduction run, written as <c>report.json</c> (for code: the docs generator, CI's checks) and
/// <c>report.md</c> (for people).
/// </summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Title">Its one-line title.</param>
/// <param name="Paper">The paper.</param>
/// <param name="Command">The command line that repeats the run.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Quick">True for a <c>--quick</c> run.</param>
/// <param name="Data">The data used.</param>
/// <param name="Date">UTC date of the run (yyyy-MM-dd).</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="Machine">Cores, OS and runtime.</param>
/// <param name="Overall">The summary verdict: reproduced when every claim is, not reproduced when none is even partly, else partly.</param>
/// <param name="Settings">Settings beside the paper's.</param>
/// <param name="Deviations">Forced differences from the paper.</param>
/// <param name="Claims">Claims tested, with verdicts.</param>
/// <param name="Measured">Key numbers.</param>
/// <param name="Tables">Tables.</param>
/// <param name="Figures">Figures.</param>
internal sealed record ReproductionReport(
    string Experiment,
    string Title,
    Paper Paper,
    string Command,
    int Seed,
    bool Quick,
    string Data,
    string Date,
    double Seconds,
    string Machine,
    Verdict? Overall,
    IReadOnlyList<SettingRecord> Settings,
    IReadOnlyList<string> Deviations,
    IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<MeasuredValue> Measured,
    IReadOnlyList<TableRecord> Tables,
    IReadOnlyList<FigureRecord> Figures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The label of a verdict in reports.</summary>
    public static string Label(Verdict? verdict) => verdict switch
    {
        Verdict.Reproduced => "reproduced",
        Verdict.Partly => "partly",
        Verdict.NotReproduced => "not reproduced",
        _ => "no claim tested",
    };

    /// <summary>The summary verdict of a set of claims (null when there are none).</summary>
    public static Verdict? OverallOf(IReadOnlyList<ClaimResult> claims) =>
        claims.Count == 0 ? null
        : claims.All(c => c.Verdict == Verdict.Reproduced) ? Verdict.Reproduced
        : claims.All(c => c.Verdict == Verdict.NotReproduced) ? Verdict.NotReproduced
        : Verdict.Partly;

    /// <summary>Writes <c>report.json</c> and <c>report.md</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(this, Json) + "\n");
        File.WriteAllText(Path.Combine(directory, "report.md"), ToMarkdown(headingLevel: 1, figurePrefix: ""));
    }

    /// <summary>Reads a <c>report.json</c>.</summary>
    /// <exception cref="ArgumentException">The file is not a report.</exception>
    public static ReproductionReport Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ReproductionReport>(File.ReadAllText(path), Json)
                ?? throw new ArgumentException($"'{path}' holds no report.", nameof(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{path}' is not a reproduction report: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>The report as Markdown.</summary>
    /// <param name="headingLevel">1 for a stand-alone report, 3 inside docs/reproduction.md.</param>
    /// <param name="figurePrefix">Prepended to figure file names (the folder of the figures as seen from the document).</param>
    public string ToMarkdown(int headingLevel, string figurePrefix)
    {
        var md = new StringBuilder();
        string h = new('#', headingLevel), h2 = new('#', headingLevel + 1);
        md.AppendLine(Invariant($"{h} `{Experiment}`: {Title}"));
        md.AppendLine();
        md.AppendLine(Invariant($"Paper: {Paper.Citation}, doi:{Paper.Doi}{(Paper.Code is null ? "" : $"; authors' code: {Paper.Code}")}."));
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine(Command);
        md.AppendLine("```");
        md.AppendLine();
        string size = Quick ? "**quick run (`--quick`): too small to decide anything; the verdicts only show that the pipeline runs**" : "full size";
        md.AppendLine(Invariant($"Seed {Seed}, {Data}, {size}; {Seconds:F0} s on {Machine}, {Date}. **Overall: {Label(Overall)}.**"));
        md.AppendLine();
        if (Claims.Count > 0)
        {
            md.AppendLine(Invariant($"{h2} Claims"));
            md.AppendLine();
            md.AppendLine("| Claim (quoted) | Where | Rule | Measured | Verdict |");
            md.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var c in Claims)
            {
                md.AppendLine(Invariant($"| “{Cell(c.Quote)}” | {Cell(c.Where)} | {Cell(c.Rule)} | {Cell(c.Measured)} | {(c.Verdict == Verdict.Reproduced ? Label(c.Verdict) : $"**{Label(c.Verdict)}**")} |"));
            }

            md.AppendLine();
        }

        if (Settings.Count > 0)
        {
            md.AppendLine(Invariant($"{h2} Settings"));
            md.AppendLine();
            md.AppendLine("| Setting | This run | Paper (where it differs) |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var s in Settings)
            {
                md.AppendLine(Invariant($"| {Cell(s.Name)} | {Cell(s.Ours)} | {(s.Paper is null ? "same" : Cell(s.Paper))} |"));
            }

            md.AppendLine();
        }

        if (Deviations.Count > 0)
        {
            md.AppendLine(Invariant($"{h2} Where this run differs from the paper, and why"));
            md.AppendLine();
            foreach (string d in Deviations)
            {
                md.AppendLine(Invariant($"- {d}"));
            }

            md.AppendLine();
        }

        foreach (var table in Tables)
        {
            md.AppendLine(Invariant($"{h2} {table.Title}"));
            md.AppendLine();
            md.AppendLine("| " + string.Join(" | ", table.Columns.Select(Cell)) + " |");
            md.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", table.Columns.Count)));
            foreach (var row in table.Rows)
            {
                md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
            }

            md.AppendLine();
        }

        if (Figures.Count > 0)
        {
            md.AppendLine(Invariant($"{h2} Figures"));
            md.AppendLine();
            foreach (var f in Figures)
            {
                md.AppendLine(f.Caption);
                md.AppendLine();
                md.AppendLine(Invariant($"![{f.File}]({figurePrefix}{f.File})"));
                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
