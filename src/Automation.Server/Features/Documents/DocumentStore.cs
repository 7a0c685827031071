using Automation.Data.Documents;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Documents;

/// <summary>The "Automation:Documents" configuration section.</summary>
public sealed class DocumentSettings
{
    /// <summary>Configuration section below "Automation".</summary>
    public const string Section = "Documents";

    /// <summary>Largest document in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// The server's access to <see cref="CaseDocuments"/> on the running host's database. Who may see a case stays with
/// the callers (<see cref="DocumentAccess"/>); this only stores and reads.
/// </summary>
internal sealed class DocumentStore(WorkflowHostAccessor accessor, IOptions<DocumentSettings> settings, TimeProvider clock)
{
    /// <summary>Most files one task form may bring (the form's body bound counts this many documents).</summary>
    public const int MaxFilesPerForm = 5;

    private CaseDocuments? documents;

    /// <summary>Largest document in bytes.</summary>
    public long MaxBytes => settings.Value.MaxBytes;

    /// <summary>The store on the host's database (the host starts after the services are built).</summary>
    public CaseDocuments Documents =>
        Volatile.Read(ref documents) ?? Interlocked.CompareExchange(ref documents, Create(), null) ?? documents!;

    private CaseDocuments Create() => new(accessor.Host.Database, new CaseDocumentLimits { MaxBytes = settings.Value.MaxBytes }, clock);
}
