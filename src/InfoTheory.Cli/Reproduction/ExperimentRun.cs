using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Cli.Reproduction;

/// <summary>
/// One run of an <see cref="Experiment"/>: its settings (quick or full, seed, data folder, output folder, cancellation)
/// and the report it writes as it goes. An experiment records here, in this order of importance: each claim of the paper
/// it tests with its computed verdict (<see cref="Claim"/>), every difference from the paper (<see cref="Setting"/> with the
/// paper's value, <see cref="Deviation"/>), its figures and tables, and its key numbers.
/// </summary>
internal sealed class ExperimentRun
{
    private readonly List<SettingRecord> _settings = [];
    private readonly List<string> _deviations = [];
    private readonly List<ClaimResult> _claims = [];
    private readonly List<FigureRecord> _figures = [];
    private readonly List<TableRecord> _tables = [];
    private readonly List<MeasuredValue> _measured = [];

    /// <summary>Starts a run.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="quick">The <c>--quick</c> size (within a minute; decides nothing).</param>
    /// <param name="seed">The seed of every random draw of the run.</param>
    /// <param name="dataDirectory">A folder with the full MNIST (or Fashion-MNIST) IDX files, or null for the embedded 10k digits.</param>
    /// <param name="outputDirectory">Where the figures and reports go (created).</param>
    /// <param name="log">Progress lines for the user.</param>
    /// <param name="cancellation">Stops the run between steps.</param>
    public ExperimentRun(Experiment experiment, bool quick, int seed, string? dataDirectory, string outputDirectory, TextWriter log,
        CancellationToken cancellation = default)
    {
        Experiment = experiment;
        Quick = quick;
        Seed = seed;
        DataDirectory = dataDirectory;
        OutputDirectory = outputDirectory;
        Log = log;
        Cancellation = cancellation;
        Directory.CreateDirectory(outputDirectory);
    }

    /// <summary>The experiment.</summary>
    public Experiment Experiment { get; }

    /// <summary>True for the <c>--quick</c> size.</summary>
    public bool Quick { get; }

    /// <summary>The seed of every random draw (initialisation, shuffling, probe, estimator samples).</summary>
    public int Seed { get; }

    /// <summary>The <c>--data</c> folder, or null for the embedded MNIST-10k digits.</summary>
    public string? DataDirectory { get; }

    /// <summary>Where figures and reports go.</summary>
    public string OutputDirectory { get; }

    /// <summary>Progress lines for the user (stdout).</summary>
    public TextWriter Log { get; }

    /// <summary>Stops the run: pass it to training and to every estimate.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Probe parts for uncertainty bands (<c>--bands</c>; 1, the default, for none): experiments that test a fall of
    /// I(X;T) measure with <see cref="InformationPlaneOptions.ProbeBatches"/> and decide by the compression test
    /// (<see cref="FallTest"/>) when it is 3 or more.
    /// </summary>
    public int Bands { get; init; } = 1;

    /// <summary>The settings recorded so far.</summary>
    public IReadOnlyList<SettingRecord> Settings => _settings;

    /// <summary>The differences from the paper recorded so far (besides the settings that differ).</summary>
    public IReadOnlyList<string> Deviations => _deviations;

    /// <summary>The claims tested so far.</summary>
    public IReadOnlyList<ClaimResult> Claims => _claims;

    /// <summary>The figures written so far.</summary>
    public IReadOnlyList<FigureRecord> Figures => _figures;

    /// <summary>The tables recorded so far.</summary>
    public IReadOnlyList<TableRecord> Tables => _tables;

    /// <summary>The key numbers recorded so far.</summary>
    public IReadOnlyList<MeasuredValue> Measured => _measured;

    /// <summary>
    /// Picks the full or the quick value of a size (epochs, digits, probe, filter counts, …).
    /// </summary>
    public T Size<T>(T full, T quick) => Quick ? quick : full;

    /// <summary>Records a setting of the run beside the paper's value.</summary>
    /// <param name="name">What it is, e.g. "optimiser".</param>
    /// <param name="ours">The value this run uses.</param>
    /// <param name="paper">The paper's (or its code's) value, with where it is stated; null when the same as ours.</param>
    public void Setting(string name, string ours, string? paper = null) => _settings.Add(new SettingRecord(name, ours, paper));

    /// <summary>Records a difference from the paper that our data or hardware forces, and why.</summary>
    public void Deviation(string text)
    {
        if (!_deviations.Contains(text))
        {
            _deviations.Add(text);
        }
    }

    /// <summary>A path in the output folder for a figure, recorded with its caption; the caller writes the file.</summary>
    /// <param name="fileName">File name, e.g. <c>plane-deep-ae.png</c>.</param>
    /// <param name="caption">One line: what the figure shows (and the paper's figure it corresponds to).</param>
    /// <returns>The full path to write.</returns>
    public string Figure(string fileName, string caption)
    {
        _figures.Add(new FigureRecord(fileName, caption));
        return Path.Combine(OutputDirectory, fileName);
    }

    /// <summary>Records a table of the report (values already formatted).</summary>
    public void Table(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (list.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException($"Table '{title}' has {columns.Count} columns but a row of another length.", nameof(rows));
        }

        _tables.Add(new TableRecord(title, columns, list));
    }

    /// <summary>Records one key number of the run (in the report's JSON and its Markdown).</summary>
    /// <param name="name">A stable key, e.g. <c>deep-ae.enc1.i_xt.last</c>.</param>
    /// <param name="value">The value (finite).</param>
    /// <param name="unit">The unit, e.g. <c>bits</c>.</param>
    public void Measure(string name, double value, string unit)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Measured value '{name}' is {value.ToString(CultureInfo.InvariantCulture)}; an experiment records finite numbers only.", nameof(value));
        }

        _measured.Add(new MeasuredValue(name, value, unit));
    }

    /// <summary>
    /// Records a claim of the paper and the verdict that <paramref name="rule"/> (the rule's text, shown beside the verdict)
    /// gave on this run's numbers. Compute the verdict in code next to this call, from the measured numbers only.
    /// </summary>
    /// <param name="id">A stable key, e.g. <c>dpi-encoder</c>.</param>
    /// <param name="quote">The paper's words, quoted.</param>
    /// <param name="where">Section or figure, e.g. "§IV-A, Fig. 2".</param>
    /// <param name="rule">How the verdict is decided, e.g. "reproduced when every epoch's chain holds within 0.01 bits; partly when ≥ 80 % do".</param>
    /// <param name="measured">What was measured, in one line with numbers.</param>
    /// <param name="verdict">The verdict the rule gave.</param>
    public void Claim(string id, string quote, string where, string rule, string measured, Verdict verdict) =>
        _claims.Add(new ClaimResult(id, quote, where, rule, measured, verdict));

    /// <summary>
    /// MNIST digits for training and a fixed probe batch. Embedded data (no <c>--data</c>): the 10,000 digits are split into
    /// the first <paramref name="train"/> to train and the next <paramref name="probe"/> held out as the probe, and a
    /// deviation is recorded when the paper trained on more. With <c>--data</c>: the first <paramref name="train"/> digits of
    /// the training file and the first <paramref name="probe"/> of the test file (as IPRL takes its probe).
    /// </summary>
    /// <param name="train">Training digits wanted.</param>
    /// <param name="probe">Probe digits wanted.</param>
    /// <param name="paperTrain">How many the paper trained on (60,000 for full MNIST).</param>
    /// <param name="prefix">A file-name prefix for <c>--data</c> folders with several data sets (e.g. <c>fashion-</c>); null to infer.</param>
    /// <exception cref="ArgumentException">Not enough digits in the data.</exception>
    public (ImageDataset Train, ImageDataset Probe) Digits(int train, int probe, int paperTrain = 60_000, string? prefix = null)
    {
        if (DataDirectory is null)
        {
            var all = MnistData.LoadEmbedded();
            if (train + probe > all.Count)
            {
                train = all.Count - probe;
            }

            if (train < paperTrain)
            {
                Deviation($"Data: {train:N0} training digits of the embedded MNIST-10k subset instead of the paper's {paperTrain:N0}, and a probe of " +
                    $"{probe:N0} held-out digits from the same subset; pass --data with the full MNIST files to train on {paperTrain:N0}.");
            }

            return (all.Slice(0, train), all.Slice(train, probe));
        }

        var (full, test) = MnistData.Load(DataDirectory, prefix);
        if (full.Count < train)
        {
            Deviation($"Data: the {full.Count:N0} training digits of {DataDirectory} (fewer than the {train:N0} asked for).");
            train = full.Count;
        }

        if (train < paperTrain)
        {
            Deviation($"Data: {train:N0} training digits instead of the paper's {paperTrain:N0}.");
        }

        var probeSource = test ?? full.Slice(train, full.Count - train);
        if (probeSource.Count < probe)
        {
            throw new ArgumentException($"--data {DataDirectory} leaves {probeSource.Count} digits for a probe of {probe}; give a folder with the test files.", "data");
        }

        return (full.Slice(0, train), probeSource.Slice(0, probe));
    }

    /// <summary>The finished report.</summary>
    /// <param name="seconds">The run's wall-clock time.</param>
    /// <param name="command">The command line that repeats the run.</param>
    public ReproductionReport ToReport(double seconds, string command) => new(
        Experiment.Name,
        Experiment.Title,
        Experiment.Paper,
        command,
        Seed,
        Quick,
        DataDirectory is null ? "embedded MNIST-10k" : DataDirectory,
        DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Math.Round(seconds, 1),
        MachineDescription(),
        ReproductionReport.OverallOf(_claims),
        _settings,
        _deviations,
        _claims,
        _measured,
        _tables,
        _figures);

    /// <summary>
    /// Cores, CPU and its widest vector instructions, OS and runtime, e.g. "2 cores (AMD EPYC, AVX-512), Debian GNU/Linux
    /// 12 (bookworm), .NET 10.0.12". The vector instructions belong in it: libtorch picks its CPU kernels by them
    /// (ATEN_CPU_CAPABILITY, named when set), and training on other kernels ends in numbers that differ beyond the last
    /// printed decimal.
    /// </summary>
    internal static string MachineDescription()
    {
        string cpu = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        string flags = "";
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and > 0)
                {
                    cpu = line[(colon + 1)..].Trim();
                }
                else if (line.StartsWith("flags", StringComparison.Ordinal))
                {
                    flags = " " + line + " ";
                    break;
                }
            }
        }

        string vectors = flags.Contains(" avx512f ", StringComparison.Ordinal) || (flags.Length == 0 && System.Runtime.Intrinsics.X86.Avx512F.IsSupported) ? "AVX-512"
            : flags.Contains(" avx2 ", StringComparison.Ordinal) || (flags.Length == 0 && System.Runtime.Intrinsics.X86.Avx2.IsSupported) ? "AVX2"
            : System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "NEON"
            : "no AVX2";
        string aten = Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is { Length: > 0 } capability ? $", ATEN_CPU_CAPABILITY={capability}" : "";
        return $"{Environment.ProcessorCount} cores ({cpu}, {vectors}{aten}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
