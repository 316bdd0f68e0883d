using System.Buffers.Binary;

namespace InfoTheory.Tests.IO;

public sealed class NumericFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static NumericArray Npy(byte[] bytes) => NumericFile.ReadNpy(new MemoryStream(bytes), "t.npy");

    private static NumericArray Csv(string text) => NumericFile.ReadCsv(new StringReader(text), "t.csv");

    private static string NpyError(byte[] bytes) => Assert.ThrowsAny<ArgumentException>(() => Npy(bytes)).Message;

    private static string CsvError(string text) => Assert.ThrowsAny<ArgumentException>(() => Csv(text)).Message;

    // ---- .npy ----

    [Fact]
    public void Npy_F8_Rank2_ReadsValuesAndShape()
    {
        var a = Npy(NpyBuilder.Doubles([1, 2, 3, 4, 5, 6], 3, 2));
        Assert.Equal([3, 2], a.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], a.Values);
        var s = a.ToSamples();
        Assert.Equal(3, s.Count);
        Assert.Equal(2, s.Dimensions);
        Assert.Equal(6.0, s[2, 1]);
    }

    [Fact]
    public void Npy_F4_Rank1_IsNObservationsOfOneValue()
    {
        var a = Npy(NpyBuilder.Build("<f4", [4], NpyBuilder.Float32([0.5f, -1.25f, 3f, 8f])));
        Assert.Equal([4], a.Shape);
        Assert.Equal([0.5, -1.25, 3, 8], a.Values);
        Assert.Equal(1, a.ToSamples().Dimensions);
        Assert.Equal(4, a.ToSamples().Count);
    }

    [Fact]
    public void Npy_F8_Rank4_IsALayerOfFeatureMaps()
    {
        var values = Enumerable.Range(0, 2 * 3 * 2 * 2).Select(i => (double)i).ToArray();
        var a = Npy(NpyBuilder.Doubles(values, 2, 3, 2, 2));
        var maps = a.ToFeatureMaps();
        Assert.Equal((2, 3, 2, 2), (maps.Count, maps.Channels, maps.Height, maps.Width));
        // Map 1 of observation 1 starts at (1·3 + 1)·4 = 16.
        Assert.Equal(16.0, maps[1][1, 0]);
        Assert.Equal(12, a.ToSamples().Dimensions);
    }

    [Fact]
    public void Npy_IntegerDtypes_AreWidened()
    {
        Assert.Equal([-3.0, 7], Npy(NpyBuilder.Build("<i4", [2], NpyBuilder.Int32([-3, 7]))).Values);
        Assert.Equal([-5.0, 1L << 40], Npy(NpyBuilder.Build("<i8", [2], NpyBuilder.Int64([-5, 1L << 40]))).Values);
        Assert.Equal([0.0, 255], Npy(NpyBuilder.Build("|u1", [2], [0, 255])).Values);
    }

    [Fact]
    public void Npy_BigEndianAndVersion2_AreRead()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(data, 1.5);
        BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8), -2);
        Assert.Equal([1.5, -2], Npy(NpyBuilder.Build(">f8", [2, 1], data)).Values);
        Assert.Equal([1.0, 2], Npy(NpyBuilder.Build("<f8", [2], NpyBuilder.Float64([1, 2]), major: 2)).Values);
        Assert.Equal([1.0, 2], Npy(NpyBuilder.Build("<f8", [2], NpyBuilder.Float64([1, 2]), major: 3)).Values);
    }

    [Fact]
    public void Npy_HeaderDict_IsParsedNotPatternMatched()
    {
        // Other key order, double quotes, no trailing comma, Python 2 long suffix.
        var bytes = NpyBuilder.Build("", [], NpyBuilder.Float64([1, 2, 3, 4]),
            header: "{\"shape\": (2L, 2L), \"fortran_order\": False, \"descr\": \"<f8\"}");
        Assert.Equal([2, 2], Npy(bytes).Shape);
    }

    [Fact]
    public void Npy_WrongMagic_SaysItIsNotNpy() =>
        Assert.Contains("not a NumPy .npy file", NpyError("a,b\n1,2\n"u8.ToArray()));

    [Fact]
    public void Npy_Empty_Fails() => Assert.Contains("is empty", NpyError([]));

    [Fact]
    public void Npy_TruncatedPreambleOrHeader_Fails()
    {
        var full = NpyBuilder.Doubles([1, 2], 2);
        Assert.Contains("truncated", NpyError(full[..7]));
        Assert.Contains("truncated", NpyError(full[..40]));
    }

    [Fact]
    public void Npy_DataShorterThanShape_SaysHowManyBytes()
    {
        var full = NpyBuilder.Doubles([1, 2, 3, 4], 2, 2);
        string message = NpyError(full[..^8]);
        Assert.Contains("truncated", message);
        Assert.Contains("needs 32 data bytes but the file has 24", message);
    }

    [Fact]
    public void Npy_FortranOrder_FailsWithTheFix()
    {
        string message = NpyError(NpyBuilder.Build("<f8", [2, 2], NpyBuilder.Float64([1, 2, 3, 4]), fortranOrder: true));
        Assert.Contains("Fortran order", message);
        Assert.Contains("ascontiguousarray", message);
    }

    [Theory]
    [InlineData("<c16")]
    [InlineData("<U4")]
    [InlineData("O")]
    public void Npy_UnsupportedDtype_NamesIt(string descr)
    {
        string message = NpyError(NpyBuilder.Build(descr, [1], new byte[16]));
        Assert.Contains($"'{descr}'", message);
        Assert.Contains("not supported", message);
    }

    [Fact]
    public void Npy_Scalar_Fails() => Assert.Contains("single scalar", NpyError(NpyBuilder.Build("<f8", [], NpyBuilder.Float64([1]),
        header: "{'descr': '<f8', 'fortran_order': False, 'shape': (), }")));

    [Fact]
    public void Npy_MalformedHeader_Fails() => Assert.Contains("malformed header", NpyError(NpyBuilder.Build("<f8", [1], NpyBuilder.Float64([1]),
        header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,")));

    [Fact]
    public void Npy_NaN_SaysWhere()
    {
        string message = NpyError(NpyBuilder.Doubles([1, 2, 3, double.NaN], 2, 2));
        Assert.Contains("element [1, 1]", message);
        Assert.Contains("NaN", message);
    }

    [Fact]
    public void Npy_TrailingBytes_Fail() => Assert.Contains("bytes after", NpyError([.. NpyBuilder.Doubles([1, 2], 2), 0, 0]));

    // ---- CSV ----

    [Fact]
    public void Csv_WithoutHeader_IsRowsByColumns()
    {
        var a = Csv("1,2,3\n4,5,6\n");
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], a.Values);
    }

    [Fact]
    public void Csv_HeaderCrlfSpacesAndTrailingBlankLines_AreHandled()
    {
        var a = Csv("x, y\r\n1.5, -2e-3\r\n 3 ,4\r\n\r\n\r\n");
        Assert.Equal([2, 2], a.Shape);
        Assert.Equal([1.5, -0.002, 3, 4], a.Values);
    }

    [Fact]
    public void Csv_RankTwo_IsMapsOfSizeOne()
    {
        var maps = Csv("1,2,3\n4,5,6\n").ToFeatureMaps();
        Assert.Equal((2, 3, 1, 1), (maps.Count, maps.Channels, maps.Height, maps.Width));
        Assert.Equal(5.0, maps[1][1, 0]);
    }

    [Fact]
    public void Csv_Empty_Fails()
    {
        Assert.Contains("t.csv is empty", CsvError(""));
        Assert.Contains("t.csv is empty", CsvError("\n \n"));
    }

    [Fact]
    public void Csv_OnlyHeader_Fails() => Assert.Contains("only a header", CsvError("a,b\n"));

    [Fact]
    public void Csv_Ragged_NamesBothLines() =>
        Assert.StartsWith("t.csv line 4 has 3 values but line 1 has 4; every row must have the same number of columns.",
            CsvError("1,2,3,4\n5,6,7,8\n\n1,2,3\n"));

    [Fact]
    public void Csv_NonNumericCell_NamesCellAndValue()
    {
        string message = CsvError("a,b\n1,2\n3,abc\n");
        Assert.Contains("line 3, column 2 is 'abc', not a number", message);
    }

    [Fact]
    public void Csv_Semicolons_HintAtCommas() => Assert.Contains("separated by commas", CsvError("1;2\n3;4\n"));

    [Theory]
    [InlineData("1,2\n3,nan\n", "NaN")]
    [InlineData("1,2\n3,NaN\n", "NaN")]
    [InlineData("1,2\n3,-inf\n", "-Infinity")]
    [InlineData("1,2\n3,Infinity\n", "+Infinity")]
    public void Csv_NonFinite_SaysWhere(string text, string what) =>
        Assert.StartsWith($"t.csv line 2, column 2 is {what}; remove or impute it before estimating.", CsvError(text));

    [Fact]
    public void Csv_EmptyCell_IsAMissingValue() => Assert.Contains("line 2, column 1 is empty", CsvError("1,2\n,4\n"));

    // A first row is a header only when none of its cells is a number: a typo or an empty cell in it is an error
    // naming the cell, never a silently dropped observation (it used to read n = 50 of 51).
    [Theory]
    [InlineData("1,abc\n3,4\n", "t.csv line 1, column 2 is 'abc', not a number; a header row holds only names")]
    [InlineData("1,,3\n3,4,5\n", "t.csv line 1, column 2 is empty (a missing value)")]
    [InlineData("x,1\n3,4\n", "t.csv line 1, column 1 is 'x', not a number")]
    public void Csv_FirstRowMixingNumbersAndText_IsAnErrorNotAHeader(string text, string message) =>
        Assert.StartsWith(message, CsvError(text));

    [Fact]
    public void Csv_HeaderOfNamesOnly_IncludingPandasEmptyIndexName_IsSkipped()
    {
        Assert.Equal([2, 2], Csv("a,b\n1,2\n3,4\n").Shape);
        Assert.Equal([1, 3], Csv(",a,b\n0,1,2\n").Shape);
    }

    [Fact]
    public void Csv_NulCharacterOrOverlongLine_IsRefusedWithTheLimit()
    {
        Assert.Contains("line 2 contains a NUL character: it is not a text file", CsvError("1,2\n3\0,4\n"));
        string longLine = new string('1', CsvFormat.MaxLineLength + 1);
        Assert.Contains($"line 1 is longer than {CsvFormat.MaxLineLength} characters", CsvError(longLine));
    }

    [Fact]
    public void Csv_LineEndsSplitAcrossReadBuffers_AreOneLineEnd()
    {
        // 65,535 characters, then \r\n: the \n starts the reader's second 64 Ki buffer.
        string first = "1," + new string('0', 65_530) + "1";
        var a = Csv(first + "\r\n2,3\r4,5");
        Assert.Equal([3, 2], a.Shape);
        Assert.Equal(new double[] { 1, 1, 2, 3, 4, 5 }, a.Values);
    }

    // ---- shapes whose product overflows ----

    [Fact]
    public void Npy_ShapeWhoseProductPasses2To64_IsRefusedNotWrapped()
    {
        // 2²¹ · 2²¹ · 2²¹ · 2 = 2⁶⁴ wraps to 0 in 64-bit arithmetic; the 16 data bytes must not be read as an array.
        var bytes = NpyBuilder.Build("<f8", [2097152, 2097152, 2097152, 2], NpyBuilder.Float64([1, 2]));
        Assert.Contains("more than one array can hold", NpyError(bytes));
    }

    [Fact]
    public void NumericArray_ShapeWhoseProductOverflows_IsRefused() =>
        Assert.Contains("needs more than", Assert.ThrowsAny<ArgumentException>(() => new NumericArray([1, 2], [65536, 65536, 65536, 65536])).Message);

    // ---- files ----

    [Fact]
    public void Read_Directory_SaysItIsADirectory()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(_dir));
        Assert.Equal($"{_dir} is a directory; give a .csv or .npy file in it. (Parameter 'path')", e.Message);
        Directory.CreateDirectory(Path.Combine(_dir, "d.csv"));
        Assert.Contains("is a directory", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(Path.Combine(_dir, "d.csv"))).Message);
    }

    [Fact]
    public void Read_EndlessDevice_IsRefusedAtOnce()
    {
        // /dev/zero reports size 0 and never ends; a symlink gives it an extension the reader accepts.
        string link = Path.Combine(_dir, "zero.csv");
        File.CreateSymbolicLink(link, "/dev/zero");
        Assert.Contains("is not a regular file", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(link)).Message);
        string npy = Path.Combine(_dir, "zero.npy");
        File.CreateSymbolicLink(npy, "/dev/zero");
        Assert.Contains("is not a regular file", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(npy)).Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        string csv = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(csv, "");
        Assert.Contains("is empty", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(csv)).Message);
    }

    [Fact]
    public void Read_DispatchesOnExtension()
    {
        string csv = Path.Combine(_dir, "a.CSV");
        File.WriteAllText(csv, "h1,h2\n1,2\n3,4\n");
        Assert.Equal([2, 2], NumericFile.Read(csv).Shape);
        string npy = Path.Combine(_dir, "a.npy");
        File.WriteAllBytes(npy, NpyBuilder.Doubles([1, 2, 3], 3));
        var a = NumericFile.Read(npy);
        Assert.Equal([3], a.Shape);
        Assert.Equal(npy, a.Source);
    }

    [Fact]
    public void Read_NamesTheFileInErrors()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, "1,2\n3\n");
        Assert.StartsWith($"{csv} line 2 has 1 value but", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(csv)).Message);
    }

    [Fact]
    public void Read_UnknownExtension_ListsTheFormats() =>
        Assert.Contains(".csv", Assert.ThrowsAny<ArgumentException>(() => NumericFile.Read(Path.Combine(_dir, "a.xlsx"))).Message);

    [Fact]
    public void Read_MissingFile_IsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => NumericFile.Read(Path.Combine(_dir, "missing.npy")));

    // ---- NumericArray ----

    [Fact]
    public void NumericArray_Rank1_IsNotALayer() =>
        Assert.Contains("at least two axes", Assert.ThrowsAny<ArgumentException>(() => new NumericArray([1, 2], [2]).ToFeatureMaps()).Message);

    [Fact]
    public void NumericArray_ShapeMustMatchValues() =>
        Assert.ThrowsAny<ArgumentException>(() => new NumericArray([1, 2, 3], [2, 2]));

    [Fact]
    public void NumericArray_Rank3_FlattensForSamplesAndIsHx1ForMaps()
    {
        var a = new NumericArray(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), [2, 3, 2]);
        Assert.Equal(6, a.ToSamples().Dimensions);
        var maps = a.ToFeatureMaps();
        Assert.Equal((3, 2, 1), (maps.Channels, maps.Height, maps.Width));
    }
}
