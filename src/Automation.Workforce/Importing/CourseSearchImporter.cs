using System.Globalization;
using System.Text.Json;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using Automation.Engine.Texts;

namespace Automation.Workforce.Importing;

/// <summary>
/// Reads saved result pages of the Bundesagentur's course search (Weiterbildungssuche,
/// <c>GET …/infosysbub/wbsuche/pc/v1/bildungsangebot</c>): <c>_embedded.termine[]</c>, each a course date with its
/// <c>angebot</c> (title, provider, search words, certifiers) and venue. No network: the user saves the JSON.
/// Search words become skills; hours are not in the result, so §82 eligibility stays unknown unless a certifier is
/// missing (then the course is not accredited).
/// </summary>
public static class CourseSearchImporter
{
    /// <summary>Source label of imported offers.</summary>
    public const string Source = "BA Weiterbildungssuche (bildungsangebot)";

    /// <summary>Reads one saved result page.</summary>
    /// <exception cref="ImportFormatException">The text is not JSON or has no <c>_embedded.termine</c> array.</exception>
    public static ImportResult<TrainingOffer> Read(Stream json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ImportFormatException(Texte.Format(Texte.KurssucheKeinJson, (e.LineNumber ?? 0) + 1));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("_embedded", out var embedded)
                || !embedded.TryGetProperty("termine", out var termine) || termine.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFormatException(Texte.KurssucheOhneTermine);
            }
            var valid = new List<TrainingOffer>();
            var errors = new List<RowError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var termin in termine.EnumerateArray())
            {
                index++;
                var offer = ReadTermin(termin, index, errors);
                if (offer is null) continue;
                if (!seen.Add(offer.Id))
                {
                    errors.Add(new RowError(index, "id", Texte.Format(Texte.KurssucheTerminDoppelt, offer.Id)));
                    continue;
                }
                valid.Add(offer);
            }
            return new ImportResult<TrainingOffer>(valid, errors, index);
        }
    }

    private static TrainingOffer? ReadTermin(JsonElement termin, int index, List<RowError> errors)
    {
        var id = Str(termin, "id");
        if (termin.ValueKind != JsonValueKind.Object || id is null || !termin.TryGetProperty("angebot", out var angebot) || angebot.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new RowError(index, "angebot", Texte.KurssucheTerminUnvollstaendig));
            return null;
        }
        var title = Str(angebot, "titel");
        if (title is null)
        {
            errors.Add(new RowError(index, "titel", Texte.Format(Texte.KurssucheOhneTitel, id)));
            return null;
        }
        var provider = angebot.TryGetProperty("bildungsanbieter", out var anbieter) ? Str(anbieter, "name") ?? "" : "";
        var skills = angebot.TryGetProperty("suchworte", out var words) && words.ValueKind == JsonValueKind.Array
            ? words.EnumerateArray().Select(w => Str(w, "suchwort")).OfType<string>().Select(Skills.Normalize)
                .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var certifiers = angebot.TryGetProperty("zertifizierer", out var z) && z.ValueKind == JsonValueKind.Array
            ? z.EnumerateArray().Select(c => Str(c, "name")).OfType<string>().ToList()
            : [];
        var format = string.Join(", ", new[] { Nested(termin, "unterrichtsform"), Nested(termin, "unterrichtszeit") }.OfType<string>());
        string location = "";
        double? lat = null, lon = null;
        if (termin.TryGetProperty("adresse", out var adresse) && adresse.ValueKind == JsonValueKind.Object)
        {
            if (adresse.TryGetProperty("ortStrasse", out var ort) && ort.ValueKind == JsonValueKind.Object)
            {
                location = $"{Str(ort, "plz")} {Str(ort, "name")}".Trim();
            }
            if (adresse.TryGetProperty("koordinaten", out var k) && k.ValueKind == JsonValueKind.Object)
            {
                lat = Num(k, "lat");
                lon = Num(k, "lon");
            }
        }
        var starts = new List<DateOnly>();
        if (Num(termin, "beginn") is { } beginMillis)
        {
            starts.Add(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds((long)beginMillis).UtcDateTime));
        }
        double? cost = Str(termin, "kostenWert") is { } c && RowReader.TryNumber(c, out var value) ? value : Num(termin, "kostenWert");
        var accredited = certifiers.Count > 0 ? true : (bool?)false;
        return new TrainingOffer("ba-" + id, title, provider, skills, null, format, location, lat, lon, starts, cost,
            string.Join(", ", certifiers), TrainingOffer.Derive(null, accredited), Source);
    }

    private static string? Nested(JsonElement e, string name) =>
        e.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.Object ? Str(inner, "bezeichnung") : null;

    private static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetString()) ? null : v.GetString()!.Trim(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static double? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String
                && double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
