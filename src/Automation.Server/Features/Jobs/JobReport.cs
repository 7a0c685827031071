namespace Automation.Server.Features.Jobs;

/// <summary>A file a job produced. It lives with its job: only the owner downloads it, and it goes when the job is swept.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="FileName">Suggested file name.</param>
/// <param name="ContentType">MIME type.</param>
public sealed record JobFile(byte[] Content, string FileName, string ContentType);

/// <summary>A mistake in what the job was given, with where it is (e.g. "Zeile 4" or "Datei") so the user can fix it.</summary>
/// <param name="Where">Place in the input, German.</param>
/// <param name="Field">Column or field, if known.</param>
/// <param name="Message">German text.</param>
public sealed record JobProblem(string Where, string? Field, string Message);

/// <summary>
/// What the job page (<c>/auftraege/{id}</c>) shows of a finished job: a German summary, the mistakes found in its
/// input, the file to download, and a page with more.
/// </summary>
/// <param name="Summary">One German sentence.</param>
/// <param name="Problems">Mistakes in the input; empty when there were none.</param>
/// <param name="File">The produced file, if any.</param>
/// <param name="Link">Address of a page that shows more of the result.</param>
/// <param name="LinkText">German text of that link.</param>
public sealed record JobReport(string Summary, IReadOnlyList<JobProblem> Problems, JobFile? File = null, string? Link = null, string? LinkText = null);
