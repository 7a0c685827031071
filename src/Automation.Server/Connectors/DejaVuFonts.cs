using PdfSharp.Fonts;

namespace Automation.Server.Connectors;

/// <summary>
/// PDFsharp's fonts on Linux: DejaVu Sans (regular and bold) from the system's font folders, so umlauts, ß and € render
/// (Debian: package fonts-dejavu-core). Every family name resolves to it: the PDF connector asks for nothing else.
/// </summary>
internal sealed class DejaVuFonts : IFontResolver
{
    /// <summary>The family name the PDF connector uses.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders =
        ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Registers the resolver once per process (PDFsharp keeps one, globally); false when the font files are missing.</summary>
    public static bool Install()
    {
        lock (Gate)
        {
            if (installed) return true;
            if (Find("DejaVuSans.ttf") is null || Find("DejaVuSans-Bold.ttf") is null) return false;
            GlobalFontSettings.FontResolver = new DejaVuFonts();
            installed = true;
            return true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => Find(faceName + ".ttf") is { } path ? File.ReadAllBytes(path) : null;

    private static string? Find(string file) => Folders.Select(f => Path.Combine(f, file)).FirstOrDefault(File.Exists);
}
