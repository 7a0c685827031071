using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Mediator;

namespace Automation.Server.Features.Register;

/// <summary>One row of the public register (JSON and CSV open data): no personal data, only a unit's function contact.</summary>
internal sealed record PublicRegisterEntry(
    string ProcessId, string ProcessName, int Version, DateTimeOffset? PublishedAt, string ElementId, string Step, string Actor,
    string? Purpose, string? LegalBasis, string? AutomationLevel, string? AutomationLevelLabel, bool FullAutomationPermitted,
    string? HumanOversight, string? AffectedGroups, string? DataUsed, string? SystemName, string? Provider, string? RiskClass, string? RiskClassLabel,
    PublicImpactAssessment? FundamentalRightsImpactAssessment, PublicAiAct AiAct, PublicFullAutomation? FullAutomation,
    string? ResponsibleUnit, string? Contact,
    bool Complete, IReadOnlyList<string> MissingFields, bool ReviewPending, IReadOnlyList<string> PublishedDespiteMissingReasons,
    PublicLedgerFigures Ledger, DateTimeOffset? UpdatedAt);

/// <summary>AI Act Art. 27 fields (only for high-risk systems).</summary>
internal sealed record PublicImpactAssessment(string? Processes, string? PeriodAndFrequency, string? AffectedCategories, string? SpecificRisks,
    string? HumanOversight, string? MeasuresAndGovernance, string? ComplaintChannel);

/// <summary>
/// The AI Act fields the public sees (docs/register.md): what the EU database shows anyway (Annex VIII section C, Art. 71)
/// and what affected persons need. The notification of the market-surveillance authority and the link to the
/// data-protection impact assessment stay internal (<see cref="RegisterRules.InternalFields"/>).
/// </summary>
internal sealed record PublicAiAct(string? AnnexIiiPoint, string? AnnexIiiPointLabel, string? ImpactAssessmentDate, string? ImpactAssessmentVersion,
    string? ImpactAssessmentReviewDate, string? ProviderEuDatabaseRegistration, string? DeployerName, string? DeployerAddress,
    string? InformationOfAffectedPersons, int? LogRetentionMonths);

/// <summary>A fully automated administrative act as declared: statute, confirmation, permitting norm, route to a person.</summary>
internal sealed record PublicFullAutomation(string? LegalBasis, string? LegalBasisLabel, bool NoDiscretionConfirmed, string? PermittingNorm, string? HumanRoute);

/// <summary>Ledger figures with their rule.</summary>
internal sealed record PublicLedgerFigures(long Cases, double? GramsCo2ePerCase, double? StaffMinutesPerCase, double? StaffMinutesChangePerCase,
    int? ComparedWithVersion, int MinimumCases, string Source);

/// <summary>The public register document.</summary>
internal sealed record PublicRegister(string Title, DateTimeOffset Generated, string Note, IReadOnlyList<PublicRegisterEntry> Entries);

/// <summary>The published versions with their register, and the same flattened to rows.</summary>
internal sealed record PublicRegisterData(IReadOnlyList<RegisterVersion> Versions, PublicRegister Document);

/// <summary>The public register's rows as published (JSON, CSV).</summary>
internal static class PublicRegisterRows
{
    public static string Note => Texte.RegisterHinweis;

    internal static PublicRegisterEntry Row(RegisterVersion v, RegisterStep s)
    {
        var e = s.Entry;
        var fria = e.RiskClass == "high"
            ? new PublicImpactAssessment(e.FriaProcesses, e.FriaPeriodFrequency, e.FriaAffectedCategories, e.FriaSpecificRisks, e.FriaOversight,
                e.FriaMeasures, e.FriaComplaintChannel)
            : null;
        var aiAct = new PublicAiAct(e.AnnexIiiPoint, e.AnnexIiiPoint is null ? null : RegisterRules.AnnexIiiPoints.GetValueOrDefault(e.AnnexIiiPoint),
            e.FriaDate, e.FriaVersion, e.FriaReviewDate, e.ProviderEuDbNumber, e.DeployerName, e.DeployerAddress, e.AffectedInformation, e.LogRetentionMonths);
        var full = e.FullAutomationBasis is null && !e.NoDiscretionConfirmed && e.PermittingNorm is null && e.HumanRoute is null
            ? null
            : new PublicFullAutomation(e.FullAutomationBasis, e.FullAutomationBasis is null ? null : RegisterRules.FullAutomationBases.GetValueOrDefault(e.FullAutomationBasis),
                e.NoDiscretionConfirmed, e.PermittingNorm, e.HumanRoute);
        var reasons = s.Missing.Count > 0 ? v.Overrides.Select(o => o.Reason).ToList() : [];
        return new PublicRegisterEntry(v.ProcessId, v.ProcessName, v.Version, v.PublishedAt, s.NodeId, s.StepName, s.Actor,
            e.Purpose, e.LegalBasis, e.AutomationLevel, e.AutomationLevel is null ? null : RegisterRules.AutomationLevels.GetValueOrDefault(e.AutomationLevel),
            e.FullAutomationPermitted, e.HumanOversight, e.AffectedGroups, e.DataUsed, e.SystemName, e.Provider, e.RiskClass,
            e.RiskClass is null ? null : RegisterRules.RiskClasses.GetValueOrDefault(e.RiskClass), fria, aiAct, full, e.ResponsibleUnit, e.Contact,
            s.Missing.Count == 0, s.Missing, s.Draft, reasons,
            new PublicLedgerFigures(s.Figures.Cases, Round(s.Figures.GramsCo2ePerCase), Round(s.Figures.StaffMinutesPerCase),
                Round(s.Figures.StaffMinutesChangePerCase), s.Figures.ComparedVersion, RegisterService.MinCases, "ledger_cells"),
            s.UpdatedAt);
    }

    internal static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}

/// <summary>Register API for process owners, and the public open-data endpoints (no login).</summary>
internal static class RegisterEndpoints
{
    /// <summary>Escapes &lt; &gt; &amp; ' as \u escapes (the default encoder), so register text never becomes live markup.</summary>
    private static readonly JsonSerializerOptions PublicJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IServiceCollection AddTransparencyRegister(this IServiceCollection services)
    {
        services.AddSingleton<RegisterService>();
        services.AddSingleton<Definitions.PublishCheck>();
        return services;
    }

    public static void MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/register").WithTags("Transparenzregister");
        group.MapGet("/{definitionId:long}", async (long definitionId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRegisterVersion(definitionId), ct)))
            .RequireAuthorization(Policies.RegisterRead)
            .WithSummary("Die Registereinträge einer Definitionsversion: jeder automatisierte oder KI-gestützte Schritt mit fehlenden Angaben und Ledger-Kennzahlen.");
        group.MapPut("/{definitionId:long}/steps/{nodeId}", async (long definitionId, string nodeId, RegisterEntryBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SaveRegisterEntry(definitionId, nodeId, body), ct)))
            .RequireAuthorization(Policies.RegisterWrite)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Speichert den Registereintrag eines Schritts (unbekannte Stufe oder Risikoklasse wird mit Feldnamen abgelehnt).");

        var open = app.MapGroup("/transparenzregister").WithTags("Transparenzregister (öffentlich)").AllowAnonymous();
        open.MapGet("/register.json", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Json((await mediator.Send(new GetPublicRegister(), ct)).Document, PublicJson, "application/json; charset=utf-8"))
            // Written with the register's own serializer options, which a typed Ok result would not use.
            .Produces<PublicRegister>()
            .WithSummary("Offene Daten: das Transparenzregister als JSON (ohne Anmeldung).");
        open.MapGet("/register.csv", async (IMediator mediator, CancellationToken ct) =>
            {
                var csv = ToCsv((await mediator.Send(new GetPublicRegister(), ct)).Document.Entries);
                return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "transparenzregister.csv");
            })
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Offene Daten: das Transparenzregister als CSV (UTF-8, ohne Anmeldung).");
        open.MapGet("/aenderungen.atom", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(ToAtom((await mediator.Send(new GetPublicRegister(), ct)).Versions, $"{request.Scheme}://{request.Host}"),
                    "application/atom+xml; charset=utf-8"))
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .WithSummary("Atom-Feed der Änderungen im Transparenzregister (ohne Anmeldung).");
    }

    internal static string ToCsv(IReadOnlyList<PublicRegisterEntry> rows)
    {
        var csv = new CsvWriter();
        csv.Row("prozess_id", "prozess", "version", "veroeffentlicht_am", "element_id", "schritt", "art", "zweck", "rechtsgrundlage",
            "automatisierungsstufe", "vollautomatisierung_zugelassen", "menschliche_aufsicht", "betroffene_personengruppen", "verwendete_daten",
            "system", "anbieter", "risikoklasse", "fria_verfahren", "fria_zeitraum_haeufigkeit", "fria_betroffene_kategorien", "fria_risiken",
            "fria_aufsicht", "fria_massnahmen", "fria_beschwerdeweg", "anhang_iii", "fria_datum", "fria_fassung", "fria_ueberpruefung",
            "eu_datenbank_anbieter", "betreiber_name", "betreiber_anschrift", "information_betroffene", "protokolle_monate",
            "vollautomatisierung_rechtsgrundlage", "kein_ermessen_bestaetigt", "zulassende_vorschrift", "weg_zum_menschen", "verantwortliche_stelle", "kontakt", "vollstaendig", "fehlende_angaben",
            "pruefung_ausstehend", "veroeffentlicht_trotz_luecken_begruendung", "faelle_im_ledger", "g_co2e_je_fall", "personalminuten_je_fall",
            "personalminuten_veraenderung_je_fall", "vergleichsversion", "geaendert_am");
        static string N(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
        static string D(DateTimeOffset? d) => d?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
        foreach (var r in rows)
        {
            var f = r.FundamentalRightsImpactAssessment;
            csv.Row(r.ProcessId, r.ProcessName, r.Version.ToString(CultureInfo.InvariantCulture), D(r.PublishedAt), r.ElementId, r.Step, r.Actor,
                r.Purpose, r.LegalBasis, r.AutomationLevel, r.FullAutomationPermitted ? "ja" : "nein", r.HumanOversight, r.AffectedGroups, r.DataUsed,
                r.SystemName, r.Provider, r.RiskClass, f?.Processes, f?.PeriodAndFrequency, f?.AffectedCategories, f?.SpecificRisks, f?.HumanOversight,
                f?.MeasuresAndGovernance, f?.ComplaintChannel, r.AiAct.AnnexIiiPoint, r.AiAct.ImpactAssessmentDate, r.AiAct.ImpactAssessmentVersion,
                r.AiAct.ImpactAssessmentReviewDate, r.AiAct.ProviderEuDatabaseRegistration, r.AiAct.DeployerName, r.AiAct.DeployerAddress,
                r.AiAct.InformationOfAffectedPersons, r.AiAct.LogRetentionMonths?.ToString(CultureInfo.InvariantCulture), r.FullAutomation?.LegalBasis,
                r.FullAutomation is null ? "" : r.FullAutomation.NoDiscretionConfirmed ? "ja" : "nein", r.FullAutomation?.PermittingNorm,
                r.FullAutomation?.HumanRoute, r.ResponsibleUnit, r.Contact, r.Complete ? "ja" : "nein", string.Join(" ", r.MissingFields),
                r.ReviewPending ? "ja" : "nein", string.Join(" | ", r.PublishedDespiteMissingReasons), r.Ledger.Cases.ToString(CultureInfo.InvariantCulture),
                N(r.Ledger.GramsCo2ePerCase), N(r.Ledger.StaffMinutesPerCase), N(r.Ledger.StaffMinutesChangePerCase),
                r.Ledger.ComparedWithVersion?.ToString(CultureInfo.InvariantCulture), D(r.UpdatedAt));
        }
        return csv.ToString();
    }

    /// <summary>One feed entry per published version, updated when it was published or one of its entries changed.</summary>
    internal static string ToAtom(IReadOnlyList<RegisterVersion> versions, string baseUrl)
    {
        const string Ns = "http://www.w3.org/2005/Atom";
        static DateTimeOffset Updated(RegisterVersion v) =>
            v.Steps.Select(s => s.UpdatedAt).Append(v.PublishedAt).Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        static string Stamp(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var ordered = versions.OrderByDescending(Updated).ToList();
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("feed", Ns);
            xml.WriteElementString("title", Ns, Texte.ServerRegisterFeedTitel);
            xml.WriteElementString("id", Ns, "urn:automation:transparenzregister");
            xml.WriteElementString("updated", Ns, Stamp(ordered.Count > 0 ? Updated(ordered[0]) : DateTimeOffset.UnixEpoch));
            xml.WriteStartElement("author", Ns);
            xml.WriteElementString("name", Ns, "Transparenzregister");
            xml.WriteEndElement();
            WriteLink(xml, Ns, "self", baseUrl + "/transparenzregister/aenderungen.atom");
            WriteLink(xml, Ns, "alternate", baseUrl + "/transparenzregister");
            foreach (var v in ordered)
            {
                xml.WriteStartElement("entry", Ns);
                xml.WriteElementString("title", Ns, Texte.Format(Texte.RegisterEintragTitel, v.ProcessName, v.Version));
                xml.WriteElementString("id", Ns, $"urn:automation:transparenzregister:{v.ProcessId}:v{v.Version}");
                xml.WriteElementString("updated", Ns, Stamp(Updated(v)));
                WriteLink(xml, Ns, "alternate", baseUrl + "/transparenzregister#p-" + Uri.EscapeDataString(v.ProcessId));
                var summary = new StringBuilder();
                summary.Append(Texte.Format(Texte.RegisterSchritte, v.Steps.Count));
                if (!v.Complete) summary.Append(Texte.RegisterUnvollstaendig);
                foreach (var s in v.Steps)
                {
                    summary.Append('\n').Append(s.StepName).Append(" (").Append(s.Actor).Append("): ").Append(s.Entry.Purpose ?? Texte.RegisterZweckFehlt);
                }
                // type="text": readers show the content as text, so markup typed into a register field never renders.
                xml.WriteStartElement("summary", Ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(summary.ToString());
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output declares utf-16; the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void WriteLink(XmlWriter xml, string ns, string rel, string href)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
