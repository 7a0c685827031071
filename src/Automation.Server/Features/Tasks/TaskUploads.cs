using System.Security.Claims;
using Automation.Data.Documents;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Documents;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>
/// The files of one task form post: stored as documents of the task's case (kind upload, the task's step) before the
/// completion, and removed again when the completion does not go through.
/// </summary>
internal sealed class TaskUploads(DocumentStore store, Guid caseId)
{
    private readonly List<Guid> stored = [];

    /// <summary>
    /// Stores the posted files of the task's declared file fields and puts each document's description into the
    /// posted values. Files of undeclared names are ignored; the task is read with the person's rights first, so a
    /// file never reaches a case the person may not work on.
    /// </summary>
    public async Task StoreAsync(ClaimsPrincipal user, long waitId, IMediator mediator, IFormFileCollection files,
        Dictionary<string, object?> posted, CancellationToken ct)
    {
        var detail = await mediator.Send(new GetTask(user, caseId, waitId), ct);
        if (!detail.ClaimedByMe) return;
        var fileFields = detail.Fields.Where(f => f.Type == "file").Take(DocumentStore.MaxFilesPerForm).ToList();
        // All files are checked before the first is stored, so a refused second file leaves nothing behind.
        var chosen = new List<(string FieldId, IFormFile File)>();
        foreach (var field in fileFields)
        {
            if (files.GetFile(Forms.FormFields.Prefix + field.Id) is not { Length: > 0 } file) continue;
            if (file.Length > store.MaxBytes) throw store.Documents.TooLarge(CaseDocuments.CleanFileName(file.FileName), file.Length);
            chosen.Add((field.Id, file));
        }
        var contents = new List<(string FieldId, string Name, byte[] Content)>();
        foreach (var (fieldId, file) in chosen)
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
            var name = CaseDocuments.CleanFileName(file.FileName);
            store.Documents.Check(name, content);
            contents.Add((fieldId, name, content));
        }
        foreach (var (fieldId, name, content) in contents)
        {
            var info = await store.Documents.AddAsync(new NewCaseDocument(caseId, name, content, CaseDocumentKinds.Upload, user.UserName(), detail.Task.NodeId), ct);
            stored.Add(info.Id);
            posted[fieldId] = info.ToVariable();
        }
    }

    /// <summary>Removes the documents stored for a completion that did not go through.</summary>
    public async Task RemoveAsync()
    {
        // Not the request's token: a client that went away must not leave the documents behind.
        foreach (var id in stored) await store.Documents.DeleteAsync(caseId, id, CancellationToken.None);
        stored.Clear();
    }
}
