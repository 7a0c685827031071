using System.Globalization;
using System.Security.Claims;
using Automation.Data;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Admin;

/// <summary>Body of a token request.</summary>
/// <param name="User">User the token acts as.</param>
/// <param name="Name">What the token is for (e.g. "Fachverfahren Meldewesen"); "API" when missing.</param>
/// <param name="Label">Older name of <paramref name="Name"/>, still accepted.</param>
/// <param name="ExpiresInDays">Days until it expires; the configured default when missing, at most the configured maximum.</param>
internal sealed record TokenBody(string? User, string? Name, string? Label, int? ExpiresInDays);

/// <summary>A new token, shown once.</summary>
/// <param name="Token">The bearer token (shown only now).</param>
/// <param name="Id">Its id, for the list and for revoking.</param>
/// <param name="User">Its user.</param>
/// <param name="Name">What it is for.</param>
/// <param name="ExpiresAt">When it stops working.</param>
internal sealed record TokenResponse(string Token, long Id, string User, string Name, DateTimeOffset ExpiresAt);

/// <summary>A token as listed (never the token or its hash).</summary>
/// <param name="Id">Id.</param>
/// <param name="User">The user it acts as.</param>
/// <param name="Name">What it is for.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="ExpiresAt">Expires.</param>
/// <param name="LastUsedAt">Last use (to the minute), or null if never used.</param>
/// <param name="Expired">Whether it has expired.</param>
internal sealed record TokenDto(long Id, string User, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Expired);
