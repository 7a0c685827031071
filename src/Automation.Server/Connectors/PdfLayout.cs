using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Automation.Server.Connectors;

/// <summary>
/// Lays out a heading and paragraphs of text on A4 pages (DejaVu Sans, 2.5 cm margins, words wrapped, "Seite n von m"
/// at the foot). Line breaks of the text are kept; a word wider than the line is broken.
/// </summary>
internal static class PdfLayout
{
    private const double Margin = 72; // 2.54 cm in points
    private const double BodySize = 11, TitleSize = 16, FooterSize = 8;

    private static readonly XPdfFontOptions Encoding = new(PdfFontEncoding.Automatic);

    /// <summary>The PDF's bytes and its page count.</summary>
    public static (byte[] Content, int Pages) Render(string? title, string body)
    {
        using var document = new PdfDocument();
        document.Info.Title = title ?? "";
        document.Info.Creator = "Automation-Server";
        var regular = new XFont(DejaVuFonts.Family, BodySize, XFontStyleEx.Regular, Encoding);
        var bold = new XFont(DejaVuFonts.Family, TitleSize, XFontStyleEx.Bold, Encoding);
        var footer = new XFont(DejaVuFonts.Family, FooterSize, XFontStyleEx.Regular, Encoding);
        var writer = new PageWriter(document);
        if (!string.IsNullOrWhiteSpace(title))
        {
            foreach (var line in Wrap(writer.Graphics, title.Trim(), bold, writer.Width)) writer.Line(line, bold);
            writer.Space(BodySize);
        }
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                writer.Space(BodySize * 0.6);
                continue;
            }
            foreach (var line in Wrap(writer.Graphics, raw.TrimEnd(), regular, writer.Width)) writer.Line(line, regular);
        }
        writer.Dispose();
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = $"Seite {i + 1} von {count}";
            var width = gfx.MeasureString(text, footer).Width;
            gfx.DrawString(text, footer, XBrushes.Gray, new XPoint(document.Pages[i].Width.Point - Margin - width, document.Pages[i].Height.Point - Margin / 2), XStringFormats.BottomLeft);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return (stream.ToArray(), count);
    }

    private static IEnumerable<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) yield return line;
            line = word;
            // A word wider than the line (a long IBAN or address) is broken where it no longer fits.
            while (line.Length > 1 && gfx.MeasureString(line, font).Width > width)
            {
                var fit = line.Length - 1;
                while (fit > 1 && gfx.MeasureString(line[..fit], font).Width > width) fit--;
                yield return line[..fit];
                line = line[fit..];
            }
        }
        if (line.Length > 0) yield return line;
    }

    /// <summary>Writes lines down the page and starts a new page when the next line would not fit.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument document;
        private PdfPage page;
        private double y;

        public PageWriter(PdfDocument document)
        {
            this.document = document;
            (page, Graphics) = NewPage();
        }

        public XGraphics Graphics { get; private set; }

        public double Width => page.Width.Point - 2 * Margin;

        private double Bottom => page.Height.Point - Margin;

        private (PdfPage, XGraphics) NewPage()
        {
            var next = document.AddPage();
            next.Size = PdfSharp.PageSize.A4;
            y = Margin;
            return (next, XGraphics.FromPdfPage(next));
        }

        public void Line(string text, XFont font)
        {
            var height = font.GetHeight();
            if (y + height > Bottom)
            {
                Graphics.Dispose();
                (page, Graphics) = NewPage();
            }
            Graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin, y), XStringFormats.TopLeft);
            y += height;
        }

        public void Space(double points) => y += points;

        public void Dispose() => Graphics.Dispose();
    }
}
