namespace Automation.Server.Features.Connectors;

/// <summary>A secret as lists show it: its name and dates, never its value.</summary>
/// <param name="Name">Name models and settings use (<c>{{secret:name}}</c>).</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="UpdatedAt">Last replaced.</param>
/// <param name="UpdatedBy">Who last replaced it.</param>
internal sealed record SecretDto(string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The value of a secret to store (it is not shown again).</summary>
/// <param name="Value">The value.</param>
internal sealed record SecretBody(string? Value);

/// <summary>An allowed target of the connectors.</summary>
/// <param name="Id">Key.</param>
/// <param name="Host">Host name or IP address (normal form).</param>
/// <param name="Port">The only allowed port, or null for any.</param>
/// <param name="Note">Why it is allowed.</param>
/// <param name="CreatedAt">Added.</param>
/// <param name="CreatedBy">Who added it.</param>
internal sealed record OutboundHostDto(long Id, string Host, int? Port, string? Note, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A target to allow.</summary>
/// <param name="Host">Host name or IP address, without scheme, path or port. An internal address (loopback, private, …) must be listed itself.</param>
/// <param name="Port">Only this port (1–65535); leave out for any.</param>
/// <param name="Note">Why it is allowed (up to 500 characters).</param>
internal sealed record OutboundHostBody(string? Host, int? Port, string? Note);
