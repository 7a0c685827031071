namespace Automation.Server.Features.LabourMarket;

/// <summary>The "Automation:LabourMarket" configuration section: employer data, matching origin, report delivery.</summary>
public sealed class LabourOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Automation:LabourMarket";

    /// <summary>Employer (Kommune or municipal enterprise).</summary>
    public string Employer { get; set; } = "Stadtverwaltung";

    /// <summary>Dienststelle.</summary>
    public string Office { get; set; } = "Hauptamt";

    /// <summary>Staff employed (decides the employer's share under §82 SGB III).</summary>
    public int StaffSize { get; set; } = 500;

    /// <summary>Contact for the employment office.</summary>
    public string Contact { get; set; } = "";

    /// <summary>Reason printed in the report.</summary>
    public string Reason { get; set; } = "Automatisierung von Verwaltungsschritten (Prozessdigitalisierung)";

    /// <summary>Latitude of the employer (distances to courses are measured from here).</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude of the employer.</summary>
    public double? Longitude { get; set; }

    /// <summary>Core administration (default) or municipal enterprise with economic purposes: only the latter is in the scope of §17 KSchG.</summary>
    public Automation.Workforce.Reporting.EstablishmentKind Establishment { get; set; } = Automation.Workforce.Reporting.EstablishmentKind.CoreAdministration;

    /// <summary>§17 KSchG notice: produced only when enabled and the establishment is a municipal enterprise (§23 Abs. 2 KSchG).</summary>
    public KschgOptions? Kschg { get; set; }

    /// <summary>Scheduled delivery by e-mail.</summary>
    public DeliveryOptions Delivery { get; set; } = new();
}

/// <summary>§17 KSchG fields.</summary>
public sealed class KschgOptions
{
    /// <summary>Whether the §17 part is wanted at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Location and type of the establishment.</summary>
    public string EstablishmentType { get; set; } = "";

    /// <summary>Reasons for the dismissals.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>Start of the period in which the dismissals are to take place.</summary>
    public DateOnly? DismissalsFrom { get; set; }

    /// <summary>End of that period.</summary>
    public DateOnly? DismissalsTo { get; set; }

    /// <summary>Planned dismissals per 5-digit KldB code (exact numbers, §17 Abs. 3 KSchG).</summary>
    public Dictionary<string, int> Dismissals { get; set; } = [];

    /// <summary>Selection criteria.</summary>
    public string SelectionCriteria { get; set; } = "";

    /// <summary>Statement of the works council.</summary>
    public string WorksCouncilStatement { get; set; } = "";
}

/// <summary>E-mail delivery of the report (MailKit over a configured SMTP server; Quartz schedule).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Quartz cron expression (e.g. "0 0 6 1 * ?" = 06:00 on the first of each month); empty: no scheduled delivery.</summary>
    public string? Cron { get; set; }

    /// <summary>Recipients (the employment office's mailbox).</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "automation@localhost";

    /// <summary>SMTP host.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>SMTP port.</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it (Auto), always (Required) or never (None, loopback tests only).</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>SMTP user, if the server needs one.</summary>
    public string? User { get; set; }

    /// <summary>SMTP password (from the environment or user secrets; never logged).</summary>
    public string? Password { get; set; }
}
