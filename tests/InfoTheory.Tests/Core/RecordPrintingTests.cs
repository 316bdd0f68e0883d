namespace InfoTheory.Tests.Core;

/// <summary>Result records print their list members and compare them by value (they printed <c>System.Double[]</c>).</summary>
public sealed class RecordPrintingTests
{
    [Fact]
    public void RenyiDiagnostics_prints_its_widths_and_compares_them_by_value()
    {
        var a = new RenyiDiagnostics(1.01, new[] { 1.5, 2.0 }, 0, false);
        var b = new RenyiDiagnostics(1.01, new List<double> { 1.5, 2.0 }, 0, false);
        Assert.Contains("Widths = [1.5, 2]", a.ToString());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Widths = new[] { 1.5, 2.5 } });
        Assert.Contains("Widths = [1.5, 2.5]", (b with { Widths = new[] { 1.5, 2.5 } }).ToString());
    }

    [Fact]
    public void Lists_are_copied_so_a_result_cannot_change_afterwards()
    {
        var widths = new[] { 1.0, 2.0 };
        var diagnostics = new RenyiDiagnostics(2, widths, 0, false);
        widths[0] = 9;
        Assert.Equal(1.0, diagnostics.Widths[0]);
    }

    [Fact]
    public void Long_lists_are_shortened_with_their_count()
    {
        var replicates = Enumerable.Range(1, 200).Select(i => Information.FromBits(i)).ToArray();
        var result = new BootstrapResult(new InformationEstimate(Information.FromBits(1)), default, Information.FromBits(0.1), replicates);
        Assert.Contains("Replicates = [1 bits, 2 bits, 3 bits, 4 bits, 5 bits, 6 bits, 7 bits, …, 200 bits] (200 items)", result.ToString());
        Assert.Equal(200, result.Replicates.Count);
        Assert.Equal(replicates, result.Replicates);
    }

    [Fact]
    public void PidResult_and_PermutationTestResult_print_their_lists()
    {
        var pid = PartialInformation.Proxies(
            Samples.FromMatrix(new double[,] { { 0 }, { 1 }, { 2 }, { 4 } }),
            new FeatureMaps(Enumerable.Range(0, 4 * 2 * 2 * 2).Select(i => (double)(i % 7)).ToArray(), 4, 2, 2, 2));
        string text = pid.ToString();
        Assert.Contains("Pairs = [PidPair { First = 0, Second = 1,", text);
        Assert.Matches(@"MapInformation = \[[0-9.e-]+ bits, [0-9.e-]+ bits\]", text);
        // σ_X, then each map's: the pass's diagnostics, on the MMI.
        Assert.Matches(@"Widths = \[[0-9.]+, [0-9.]+, [0-9.]+\]", pid.Mmi.Diagnostics!.ToString());
        Assert.DoesNotContain("System.", text);

        var test = new PermutationTestResult(new InformationEstimate(Information.FromBits(1)), 0.5, new[] { Information.FromBits(0.5) });
        Assert.Contains("Null = [0.5 bits]", test.ToString());
        Assert.Throws<ArgumentNullException>(() => new PermutationTestResult(new InformationEstimate(Information.FromBits(1)), 0.5, null!));
    }
}
