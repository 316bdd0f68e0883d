// MSBuild tasks used by eng/TorchSharpNativeFix.targets (compiled on the fly by RoslynCodeTaskFactory,
// so they need nothing but the .NET SDK). See README.md in this folder for the why.
//
//   ProbeLibStdCxx         finds the system libstdc++.so.6 and says whether it already exports a symbol
//                          (std::ios_base_library_init, added in GLIBCXX_3.4.32 / GCC 13).
//   WeakenElfVersionNeed   copies an ELF64 little-endian shared library, marking one version need
//                          (e.g. GLIBCXX_3.4.32) weak (VER_FLG_WEAK) and clearing the version of the
//                          named undefined symbols, so they bind unversioned to any library (the shim).
//
// Written for the netstandard2.0 API that RoslynCodeTaskFactory compiles against.
// Only the .gnu.version_r flags and .gnu.version entries change in place: no sizes or offsets move.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ProbeLibStdCxx : Task
{
    /// <summary>The symbol to look for, e.g. _ZSt21ios_base_library_initv.</summary>
    [Required] public string Symbol { get; set; } = "";

    /// <summary>The symbol version that must also be present, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string Version { get; set; } = "";

    [Output] public string LibraryPath { get; set; } = "";
    [Output] public bool Provides { get; set; }

    private static readonly string[] Candidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        string? path = null;
        foreach (var c in Candidates)
        {
            if (File.Exists(c)) { path = c; break; }
        }
        path ??= FromLdconfig();
        if (path is null)
        {
            Log.LogMessage(MessageImportance.High,
                "TorchSharpNativeFix: libstdc++.so.6 not found (standard paths, ldconfig -p); assuming it lacks " + Version + ".");
            Provides = false;
            return true;
        }
        LibraryPath = path;
        byte[] bytes = File.ReadAllBytes(path);
        // Both strings live in .dynstr of a libstdc++ that defines the versioned symbol.
        Provides = IndexOf(bytes, Encoding.ASCII.GetBytes(Symbol + "\0")) >= 0
                   && IndexOf(bytes, Encoding.ASCII.GetBytes(Version + "\0")) >= 0;
        Log.LogMessage(MessageImportance.Low, $"TorchSharpNativeFix: {path} provides {Symbol}@{Version}: {Provides}");
        return true;
    }

    private static string? FromLdconfig()
    {
        foreach (var exe in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            try
            {
                var psi = new ProcessStartInfo(exe, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                using var p = Process.Start(psi);
                if (p is null) continue;
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                // Line format: "\tlibstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6"
                foreach (var line in output.Split('\n'))
                {
                    if (line.Contains("libstdc++.so.6 ") && line.Contains("x86-64"))
                    {
                        int arrow = line.IndexOf("=> ", StringComparison.Ordinal);
                        if (arrow >= 0) return line.Substring(arrow + 3).Trim();
                    }
                }
            }
            catch (Exception)
            {
                // Try the next location.
            }
        }
        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}

public sealed class WeakenElfVersionNeed : Task
{
    [Required] public string InputFile { get; set; } = "";
    [Required] public string OutputFile { get; set; } = "";

    /// <summary>The version need to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>The only symbols allowed to use that version; their version index becomes 1 (global, unversioned).</summary>
    [Required] public string[] Symbols { get; set; } = Array.Empty<string>();

    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;
    private const ushort VerNdxGlobal = 1;

    public override bool Execute()
    {
        byte[] b = File.ReadAllBytes(InputFile);
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F'
            || b[4] != 2 /* ELFCLASS64 */ || b[5] != 1 /* little endian */)
        {
            Log.LogError($"TorchSharpNativeFix: {InputFile} is not an ELF64 little-endian file.");
            return false;
        }

        long shoff = (long)U64(b, 0x28);
        int shentsize = U16(b, 0x3a), shnum = U16(b, 0x3c);
        Section? dynsym = null, versym = null, verneed = null;
        var sections = new List<Section>();
        for (int i = 0; i < shnum; i++)
        {
            long o = shoff + (long)i * shentsize;
            var s = new Section(U32(b, o + 4), (long)U64(b, o + 24), (long)U64(b, o + 32), U32(b, o + 40), U32(b, o + 44));
            sections.Add(s);
            if (s.Type == ShtDynsym) dynsym = s;
            else if (s.Type == ShtGnuVersym) versym = s;
            else if (s.Type == ShtGnuVerneed) verneed = s;
        }
        if (dynsym is null || versym is null || verneed is null)
        {
            Log.LogError($"TorchSharpNativeFix: {InputFile} has no .dynsym/.gnu.version/.gnu.version_r section.");
            return false;
        }

        // .gnu.version_r: Elf64_Verneed { u16 vn_version, vn_cnt; u32 vn_file, vn_aux, vn_next }
        //                 Elf64_Vernaux { u32 vna_hash; u16 vna_flags, vna_other; u32 vna_name, vna_next }
        long needStr = sections[(int)verneed.Link].Offset;
        int versionIndex = -1;
        long vn = verneed.Offset;
        for (uint n = 0; n < verneed.Info; n++)
        {
            int cnt = U16(b, vn + 2);
            long aux = vn + U32(b, vn + 8);
            for (int a = 0; a < cnt; a++)
            {
                if (Str(b, needStr + U32(b, aux + 8)) == VersionName)
                {
                    ushort flags = U16(b, aux + 4);
                    W16(b, aux + 4, (ushort)(flags | VerFlgWeak));
                    versionIndex = U16(b, aux + 6) & 0x7fff;
                }
                aux += U32(b, aux + 12);
            }
            uint next = U32(b, vn + 12);
            if (next == 0) break;
            vn += next;
        }
        if (versionIndex < 0)
        {
            Log.LogError($"TorchSharpNativeFix: {InputFile} has no version need {VersionName}; nothing to patch (is this another TorchSharp build?).");
            return false;
        }

        // .gnu.version: one u16 per .dynsym entry (Elf64_Sym is 24 bytes, st_name at +0).
        long symStr = sections[(int)dynsym.Link].Offset;
        long count = dynsym.Size / 24;
        var wanted = new HashSet<string>(Symbols, StringComparer.Ordinal);
        var cleared = new List<string>();
        for (long i = 0; i < count; i++)
        {
            long vo = versym.Offset + i * 2;
            if ((U16(b, vo) & 0x7fff) != versionIndex) continue;
            string name = Str(b, symStr + U32(b, dynsym.Offset + i * 24));
            if (!wanted.Contains(name))
            {
                Log.LogError($"TorchSharpNativeFix: {InputFile} also needs {name}@{VersionName}; the shim only provides {string.Join(", ", Symbols)}.");
                return false;
            }
            W16(b, vo, VerNdxGlobal);
            cleared.Add(name);
        }

        string tmp = OutputFile + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
        File.WriteAllBytes(tmp, b);
        if (File.Exists(OutputFile)) File.Delete(OutputFile);
        File.Move(tmp, OutputFile);
        Log.LogMessage(MessageImportance.Normal,
            $"TorchSharpNativeFix: {VersionName} (index {versionIndex}) marked weak; unversioned: {string.Join(", ", cleared)} -> {OutputFile}");
        return true;
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type; Offset = offset; Size = size; Link = link; Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static ushort U16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
    private static uint U32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
    private static void W16(byte[] b, long o, ushort v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }

    private static string Str(byte[] b, long o)
    {
        long e = o;
        while (b[e] != 0) e++;
        return Encoding.ASCII.GetString(b, (int)o, (int)(e - o));
    }
}
