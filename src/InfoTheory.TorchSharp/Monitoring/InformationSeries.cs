using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfoTheory.Internal;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The records of a training run, in measurement order, with what Y was (<see cref="Target"/>). Saved as CSV or JSON
/// (chosen by the file extension); <see cref="Load"/> reads both back exactly (every double round-trips bit for bit).
/// </summary>
/// <remarks>
/// <para>CSV: a first line <c># infotheory-series v4; unit=bits; target=reconstruction</c> (read it with
/// <c>pandas.read_csv(path, comment='#')</c>), then the header
/// <c>epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec,i_xt_low,i_xt_high,i_ty_low,i_ty_high,i_xt_batches,i_ty_batches,h_t_low,h_t_high,h_t_batches,sigma_t,median_distance_t,sigma_over_median_t,h_t_over_log_n,width_dominated_t,sigma_x,median_distance_x,sigma_over_median_x,h_x_over_log_n,width_dominated_x</c>
/// (mmi_y … wnri_pct_y: the proxies with respect to Y; kl_io, kl_rec: the layer divergences; i_xt_low … i_ty_high and
/// h_t_low, h_t_high: the 95 % prediction bands of <see cref="InformationBand"/>, and i_xt_batches, i_ty_batches,
/// h_t_batches the B disjoint-batch estimates they come from, separated by <c>;</c> in one cell; sigma_t …
/// width_dominated_t: the layer's <see cref="WidthCheck"/> in the I(X;T) estimate (σ and the median distance in the
/// activations' units, h_t_over_log_n = S(T)/log N, width_dominated_t <c>true</c> or <c>false</c>), sigma_x …
/// width_dominated_x the same for X; see <see cref="InformationRecord.LayerWidthCheck"/>); information in bits, missing
/// values empty (the band cells of a run without bands, the width cells of an estimator other than matrix Rényi),
/// numbers in the invariant culture with shortest round-trip formatting (<c>Infinity</c> for σ/median when the median
/// distance is 0). Version 3 files (the header without the last thirteen columns), version 2 files (without the last
/// nineteen) and version 1 files (without the last twenty-six) still load.</para>
/// <para>JSON: <c>{"format":"infotheory-series","version":4,"unit":"bits","target":"reconstruction","records":[{…}]}</c>
/// with the same snake_case names (the batches as arrays, the width cells as numbers, booleans or null); NaN and
/// ±Infinity (e.g. a diverged loss) are written as strings. Files of versions 1 to 3 load, their missing fields null.</para>
/// </remarks>
public sealed class InformationSeries
{
    private const string CsvHeaderV1 = "epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss";
    private const string CsvHeaderV2 = CsvHeaderV1 + ",mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec";
    private const string CsvHeaderV3 = CsvHeaderV2 + ",i_xt_low,i_xt_high,i_ty_low,i_ty_high,i_xt_batches,i_ty_batches";
    private const string CsvHeader = CsvHeaderV3 + ",h_t_low,h_t_high,h_t_batches"
        + ",sigma_t,median_distance_t,sigma_over_median_t,h_t_over_log_n,width_dominated_t"
        + ",sigma_x,median_distance_x,sigma_over_median_x,h_x_over_log_n,width_dominated_x";
    private const int Version = 4;
    private const string Magic = "infotheory-series";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly List<InformationRecord> _records = [];

    /// <summary>An empty series.</summary>
    /// <param name="target">What Y is (decides the plot's axis label and the y = x line).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a defined <see cref="TargetKind"/>.</exception>
    public InformationSeries(TargetKind target = TargetKind.Reconstruction) => Target = EnumGuard.Defined(target);

    /// <summary>A series holding <paramref name="records"/>.</summary>
    public InformationSeries(TargetKind target, IEnumerable<InformationRecord> records)
        : this(target)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records.AddRange(records);
    }

    /// <summary>What Y is in I(T;Y).</summary>
    public TargetKind Target { get; }

    /// <summary>The records in measurement order.</summary>
    public IReadOnlyList<InformationRecord> Records => _records;

    /// <summary>The layers in order of first appearance.</summary>
    public IReadOnlyList<string> Layers => [.. _records.Select(r => r.Layer).Distinct()];

    /// <summary>The records grouped by step (epoch, iteration), in measurement order.</summary>
    public IReadOnlyList<IReadOnlyList<InformationRecord>> Steps() =>
        [.. _records.GroupBy(r => (r.Epoch, r.Iteration)).Select(g => (IReadOnlyList<InformationRecord>)[.. g])];

    /// <summary>Appends a record.</summary>
    public void Add(InformationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Layer.Contains('\n') || record.Layer.Contains('\r'))
        {
            throw new ArgumentException($"Layer name '{record.Layer}' contains a line break; layer names must be single-line.", nameof(record));
        }

        _records.Add(record);
    }

    /// <summary>Appends records.</summary>
    public void AddRange(IEnumerable<InformationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            Add(r);
        }
    }

    /// <summary>Writes the series to <paramref name="path"/>: CSV for <c>.csv</c>, JSON for <c>.json</c>.</summary>
    /// <exception cref="ArgumentException">Another extension.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = FormatOf(path) == "csv" ? ToCsv() : ToJson();
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    /// <summary>Reads a series written by <see cref="Save"/> (CSV or JSON by extension).</summary>
    /// <exception cref="ArgumentException">Another extension.</exception>
    /// <exception cref="FormatException">The file is not a series.</exception>
    public static InformationSeries Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatOf(path);
        var text = File.ReadAllText(path);
        return format == "csv" ? FromCsv(text) : FromJson(text);
    }

    /// <summary>The series as CSV text.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Magic).Append(" v").Append(Version.ToString(CultureInfo.InvariantCulture)).Append("; unit=bits; target=").Append(TargetName(Target)).Append('\n');
        sb.Append(CsvHeader).Append('\n');
        foreach (var r in _records)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.Iteration.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Quote(r.Layer)).Append(',')
              .Append(Num(r.Entropy)).Append(',')
              .Append(Num(r.InputInformation)).Append(',')
              .Append(Num(r.TargetInformation)).Append(',')
              .Append(Num(r.Mmi)).Append(',')
              .Append(Num(r.Rst)).Append(',')
              .Append(Num(r.Wnri)).Append(',')
              .Append(Num(r.RstPercent)).Append(',')
              .Append(Num(r.WnriPercent)).Append(',')
              .Append(r.Saturated ? "true" : "false").Append(',')
              .Append(Num(r.ErrorInformation)).Append(',')
              .Append(Num(r.Loss)).Append(',')
              .Append(Num(r.TargetMmi)).Append(',')
              .Append(Num(r.TargetRst)).Append(',')
              .Append(Num(r.TargetWnri)).Append(',')
              .Append(Num(r.TargetRstPercent)).Append(',')
              .Append(Num(r.TargetWnriPercent)).Append(',')
              .Append(Num(r.InputOutputDivergence)).Append(',')
              .Append(Num(r.ReconstructionDivergence)).Append(',')
              .Append(Num(r.InputInformationBand?.Low)).Append(',')
              .Append(Num(r.InputInformationBand?.High)).Append(',')
              .Append(Num(r.TargetInformationBand?.Low)).Append(',')
              .Append(Num(r.TargetInformationBand?.High)).Append(',')
              .Append(Nums(r.InputInformationBand?.Batches)).Append(',')
              .Append(Nums(r.TargetInformationBand?.Batches)).Append(',')
              .Append(Num(r.EntropyBand?.Low)).Append(',')
              .Append(Num(r.EntropyBand?.High)).Append(',')
              .Append(Nums(r.EntropyBand?.Batches)).Append(',');
            AppendWidth(sb, r.LayerWidthCheck).Append(',');
            AppendWidth(sb, r.InputWidthCheck).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Parses CSV text written by <see cref="ToCsv"/>.</summary>
    /// <exception cref="FormatException">The text is not a series.</exception>
    public static InformationSeries FromCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var target = TargetKind.Reconstruction;
        int at = 0;
        if (lines.Count > 0 && lines[0].StartsWith('#'))
        {
            foreach (var part in lines[0].TrimStart('#').Split(';'))
            {
                var kv = part.Trim().Split('=', 2);
                if (kv.Length == 2 && kv[0] == "target")
                {
                    target = ParseTarget(kv[1]);
                }
            }

            at = 1;
        }

        int fields = at >= lines.Count ? 0 : lines[at] switch
        {
            CsvHeader => 40,
            CsvHeaderV3 => 27,
            CsvHeaderV2 => 21,
            CsvHeaderV1 => 14,
            _ => 0,
        };
        if (fields == 0)
        {
            throw new FormatException($"Not an information series: expected the header '{CsvHeader}' (or that of version 1, 2 or 3).");
        }

        var series = new InformationSeries(target);
        for (int i = at + 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = SplitCsv(lines[i]);
            if (f.Count != fields)
            {
                throw new FormatException($"Line {i + 1} has {f.Count} fields; expected {fields}.");
            }

            series.Add(new InformationRecord(
                int.Parse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture),
                int.Parse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture),
                f[2],
                Parse(f[3]) ?? throw new FormatException($"Line {i + 1}: h_t is empty."),
                Parse(f[4]) ?? throw new FormatException($"Line {i + 1}: i_xt is empty."),
                Parse(f[5]) ?? throw new FormatException($"Line {i + 1}: i_ty is empty."))
            {
                Mmi = Parse(f[6]),
                Rst = Parse(f[7]),
                Wnri = Parse(f[8]),
                RstPercent = Parse(f[9]),
                WnriPercent = Parse(f[10]),
                Saturated = f[11] == "true",
                ErrorInformation = Parse(f[12]),
                Loss = Parse(f[13]),
                TargetMmi = fields > 14 ? Parse(f[14]) : null,
                TargetRst = fields > 14 ? Parse(f[15]) : null,
                TargetWnri = fields > 14 ? Parse(f[16]) : null,
                TargetRstPercent = fields > 14 ? Parse(f[17]) : null,
                TargetWnriPercent = fields > 14 ? Parse(f[18]) : null,
                InputOutputDivergence = fields > 14 ? Parse(f[19]) : null,
                ReconstructionDivergence = fields > 14 ? Parse(f[20]) : null,
                InputInformationBand = fields > 21 ? ParseBand(f[21], f[22], f[25], i + 1, "i_xt") : null,
                TargetInformationBand = fields > 21 ? ParseBand(f[23], f[24], f[26], i + 1, "i_ty") : null,
                EntropyBand = fields > 27 ? ParseBand(f[27], f[28], f[29], i + 1, "h_t") : null,
                LayerWidthCheck = fields > 27 ? ParseWidth(f, 30, i + 1, "t") : null,
                InputWidthCheck = fields > 27 ? ParseWidth(f, 35, i + 1, "x") : null,
            });
        }

        return series;
    }

    /// <summary>The series as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new JsonSeries(Magic, Version, "bits", TargetName(Target), [.. _records.Select(JsonRecord.From)]), JsonOptions);

    /// <summary>Parses JSON text written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a series.</exception>
    public static InformationSeries FromJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonSeries? doc;
        try
        {
            doc = JsonSerializer.Deserialize<JsonSeries>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not an information series: {e.Message}", e);
        }

        if (doc is null || doc.Format != Magic || doc.Records is null)
        {
            throw new FormatException($"Not an information series: expected \"format\": \"{Magic}\" and a \"records\" array.");
        }

        return new InformationSeries(ParseTarget(doc.Target ?? "reconstruction"), doc.Records.Select(r => r.ToRecord()));
    }

    private static string FormatOf(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".csv" => "csv",
            ".json" => "json",
            _ => throw new ArgumentException($"'{path}' has extension '{ext}'; use .csv or .json.", nameof(path)),
        };
    }

    private static string TargetName(TargetKind kind) => kind switch
    {
        TargetKind.Reconstruction => "reconstruction",
        TargetKind.Labels => "labels",
        _ => "values",
    };

    private static TargetKind ParseTarget(string name) => name.Trim() switch
    {
        "reconstruction" => TargetKind.Reconstruction,
        "labels" => TargetKind.Labels,
        "values" => TargetKind.Values,
        _ => throw new FormatException($"Unknown target '{name}'; expected reconstruction, labels or values."),
    };

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Num(double? value) => value is { } v ? Num(v) : "";

    private static string Nums(IReadOnlyList<double>? values) => values is null ? "" : string.Join(';', values.Select(Num));

    /// <summary>A band from its three cells: all empty (no band) or all given.</summary>
    private static InformationBand? ParseBand(string low, string high, string batches, int line, string column)
    {
        if (low.Length == 0 && high.Length == 0 && batches.Length == 0)
        {
            return null;
        }

        if (low.Length == 0 || high.Length == 0 || batches.Length == 0)
        {
            throw new FormatException($"Line {line}: {column}_low, {column}_high and {column}_batches must be all empty or all given.");
        }

        return new InformationBand(Parse(low)!.Value, Parse(high)!.Value, [.. batches.Split(';').Select(v => Parse(v) ?? throw new FormatException($"Line {line}: an empty value in {column}_batches."))]);
    }

    /// <summary>The five width cells (sigma, median_distance, sigma_over_median, h_over_log_n, width_dominated) of a check, or empty ones.</summary>
    private static StringBuilder AppendWidth(StringBuilder sb, WidthCheck? check) => check is null ? sb.Append(",,,,")
        : sb.Append(Num(check.Sigma)).Append(',')
            .Append(Num(check.MedianDistance)).Append(',')
            .Append(Num(check.SigmaOverMedian)).Append(',')
            .Append(Num(check.EntropyOverLogN)).Append(',')
            .Append(check.WidthDominated ? "true" : "false");

    /// <summary>
    /// A width check from its five cells at <paramref name="at"/>: all empty (not measured) or σ, the median distance and
    /// their ratio given (the entropy share may be empty); width_dominated is recomputed from them, so it must agree.
    /// </summary>
    private static WidthCheck? ParseWidth(List<string> f, int at, int line, string variable)
    {
        if (f.Skip(at).Take(5).All(c => c.Length == 0))
        {
            return null;
        }

        if (Parse(f[at]) is not { } sigma || Parse(f[at + 1]) is not { } median || Parse(f[at + 2]) is not { } ratio)
        {
            throw new FormatException($"Line {line}: sigma_{variable}, median_distance_{variable} and sigma_over_median_{variable} must be all empty or all given.");
        }

        var check = new WidthCheck(sigma, median, ratio, Parse(f[at + 3]));
        if (f[at + 4] != (check.WidthDominated ? "true" : "false"))
        {
            throw new FormatException($"Line {line}: width_dominated_{variable} is '{f[at + 4]}' but sigma_over_median_{variable} = {f[at + 2]} makes it {(check.WidthDominated ? "true" : "false")}.");
        }

        return check;
    }

    private static double? Parse(string field) =>
        field.Length == 0 ? null : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }

    private sealed record JsonSeries(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("unit")] string Unit,
        [property: JsonPropertyName("target")] string? Target,
        [property: JsonPropertyName("records")] List<JsonRecord>? Records);

    private sealed record JsonRecord(
        [property: JsonPropertyName("epoch")] int Epoch,
        [property: JsonPropertyName("iteration")] int Iteration,
        [property: JsonPropertyName("layer")] string Layer,
        [property: JsonPropertyName("h_t")] double HT,
        [property: JsonPropertyName("i_xt")] double IXT,
        [property: JsonPropertyName("i_ty")] double ITY,
        [property: JsonPropertyName("mmi")] double? Mmi,
        [property: JsonPropertyName("rst")] double? Rst,
        [property: JsonPropertyName("wnri")] double? Wnri,
        [property: JsonPropertyName("rst_pct")] double? RstPct,
        [property: JsonPropertyName("wnri_pct")] double? WnriPct,
        [property: JsonPropertyName("saturated")] bool Saturated,
        [property: JsonPropertyName("i_err")] double? IErr,
        [property: JsonPropertyName("loss")] double? Loss,
        [property: JsonPropertyName("mmi_y")] double? MmiY = null,
        [property: JsonPropertyName("rst_y")] double? RstY = null,
        [property: JsonPropertyName("wnri_y")] double? WnriY = null,
        [property: JsonPropertyName("rst_pct_y")] double? RstPctY = null,
        [property: JsonPropertyName("wnri_pct_y")] double? WnriPctY = null,
        [property: JsonPropertyName("kl_io")] double? KlIo = null,
        [property: JsonPropertyName("kl_rec")] double? KlRec = null,
        [property: JsonPropertyName("i_xt_low")] double? IXTLow = null,
        [property: JsonPropertyName("i_xt_high")] double? IXTHigh = null,
        [property: JsonPropertyName("i_ty_low")] double? ITYLow = null,
        [property: JsonPropertyName("i_ty_high")] double? ITYHigh = null,
        [property: JsonPropertyName("i_xt_batches")] IReadOnlyList<double>? IXTBatches = null,
        [property: JsonPropertyName("i_ty_batches")] IReadOnlyList<double>? ITYBatches = null,
        [property: JsonPropertyName("h_t_low")] double? HTLow = null,
        [property: JsonPropertyName("h_t_high")] double? HTHigh = null,
        [property: JsonPropertyName("h_t_batches")] IReadOnlyList<double>? HTBatches = null,
        [property: JsonPropertyName("sigma_t")] double? SigmaT = null,
        [property: JsonPropertyName("median_distance_t")] double? MedianDistanceT = null,
        [property: JsonPropertyName("sigma_over_median_t")] double? SigmaOverMedianT = null,
        [property: JsonPropertyName("h_t_over_log_n")] double? HTOverLogN = null,
        [property: JsonPropertyName("width_dominated_t")] bool? WidthDominatedT = null,
        [property: JsonPropertyName("sigma_x")] double? SigmaX = null,
        [property: JsonPropertyName("median_distance_x")] double? MedianDistanceX = null,
        [property: JsonPropertyName("sigma_over_median_x")] double? SigmaOverMedianX = null,
        [property: JsonPropertyName("h_x_over_log_n")] double? HXOverLogN = null,
        [property: JsonPropertyName("width_dominated_x")] bool? WidthDominatedX = null)
    {
        public static JsonRecord From(InformationRecord r) => new(r.Epoch, r.Iteration, r.Layer, r.Entropy, r.InputInformation, r.TargetInformation,
            r.Mmi, r.Rst, r.Wnri, r.RstPercent, r.WnriPercent, r.Saturated, r.ErrorInformation, r.Loss,
            r.TargetMmi, r.TargetRst, r.TargetWnri, r.TargetRstPercent, r.TargetWnriPercent, r.InputOutputDivergence, r.ReconstructionDivergence,
            r.InputInformationBand?.Low, r.InputInformationBand?.High, r.TargetInformationBand?.Low, r.TargetInformationBand?.High,
            r.InputInformationBand?.Batches, r.TargetInformationBand?.Batches,
            r.EntropyBand?.Low, r.EntropyBand?.High, r.EntropyBand?.Batches,
            r.LayerWidthCheck?.Sigma, r.LayerWidthCheck?.MedianDistance, r.LayerWidthCheck?.SigmaOverMedian, r.LayerWidthCheck?.EntropyOverLogN, r.LayerWidthCheck?.WidthDominated,
            r.InputWidthCheck?.Sigma, r.InputWidthCheck?.MedianDistance, r.InputWidthCheck?.SigmaOverMedian, r.InputWidthCheck?.EntropyOverLogN, r.InputWidthCheck?.WidthDominated);

        public InformationRecord ToRecord() => new(Epoch, Iteration, Layer, HT, IXT, ITY)
        {
            Mmi = Mmi,
            Rst = Rst,
            Wnri = Wnri,
            RstPercent = RstPct,
            WnriPercent = WnriPct,
            Saturated = Saturated,
            ErrorInformation = IErr,
            Loss = Loss,
            TargetMmi = MmiY,
            TargetRst = RstY,
            TargetWnri = WnriY,
            TargetRstPercent = RstPctY,
            TargetWnriPercent = WnriPctY,
            InputOutputDivergence = KlIo,
            ReconstructionDivergence = KlRec,
            InputInformationBand = Band(IXTLow, IXTHigh, IXTBatches),
            TargetInformationBand = Band(ITYLow, ITYHigh, ITYBatches),
            EntropyBand = Band(HTLow, HTHigh, HTBatches),
            LayerWidthCheck = Width(SigmaT, MedianDistanceT, SigmaOverMedianT, HTOverLogN),
            InputWidthCheck = Width(SigmaX, MedianDistanceX, SigmaOverMedianX, HXOverLogN),
        };

        /// <summary>A width check when σ, the median distance and their ratio are given (width_dominated follows from them).</summary>
        private static WidthCheck? Width(double? sigma, double? median, double? ratio, double? entropyOverLogN) =>
            sigma is { } s && median is { } m && ratio is { } q ? new WidthCheck(s, m, q, entropyOverLogN) : null;

        private static InformationBand? Band(double? low, double? high, IReadOnlyList<double>? batches) =>
            low is { } l && high is { } h && batches is not null ? new InformationBand(l, h, batches) : null;
    }
}
