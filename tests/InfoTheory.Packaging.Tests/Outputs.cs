using System.Globalization;
using System.Text;

namespace InfoTheory.Packaging.Tests;

/// <summary>Checks on the files the consumer app and the tool write.</summary>
internal static class Outputs
{
    /// <summary>True when the bytes of a libLibTorchSharp.so name libiosbaseshim.so (patchelf --add-needed adds it to .dynstr).</summary>
    public static bool NeedsShim(byte[] library) => library.AsSpan().IndexOf("libiosbaseshim.so\0"u8) >= 0;

    /// <summary>True when the file starts with the PNG signature.</summary>
    public static bool IsPng(string path) =>
        File.Exists(path) && File.ReadAllBytes(path).AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });

    /// <summary>
    /// The rows of an information-plane CSV (InformationSeries format: a '#' line, a header, one row per layer and
    /// measurement), each as column → value.
    /// </summary>
    public static List<Dictionary<string, string>> ReadSeries(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Parses an invariant-culture number (NaN and ∞ included, so that the caller can reject them).</summary>
    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
