using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>
/// Adds a factor version. The only way a version is created (API and page), so an audit entry can be added in
/// one place.
/// </summary>
internal sealed record AddFactorVersion(FactorVersionBody Body, string CreatedBy) : IRequest<FactorVersionDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<AddFactorVersion, FactorVersionDto>
    {
        public async ValueTask<FactorVersionDto> Handle(AddFactorVersion request, CancellationToken cancellationToken)
        {
            var b = request.Body;
            var input = new FactorVersionInput
            {
                Key = b.Key,
                Value = b.Value,
                Unit = b.Unit,
                Source = b.Source,
                Year = b.Year,
                Status = b.Status,
                ValidFrom = Date(b.ValidFrom, "validFrom"),
                ValidTo = Date(b.ValidTo, "validTo"),
                Label = b.Label,
                Note = b.Note,
            };
            // Before: the key's latest version, which a new open-ended version may have closed.
            var before = (await accessor.Host.Factors.ListAsync(cancellationToken)).LastOrDefault(s => s.Version.Key == b.Key);
            FactorVersionDto added;
            try
            {
                added = FactorVersionDto.From(await accessor.Host.Factors.AddAsync(input, request.CreatedBy, cancellationToken));
            }
            catch (FactorValidationException e) when (e.Errors.Count > 0)
            {
                throw new BadInputException(e.Errors[0].Field, Texte.Format(Texte.ServerFaktorversionAbgelehnt, string.Join("; ", e.Errors.Select(x => x.ToString()))));
            }
            await audit.RecordAsync(AuditKinds.FactorVersion, added.Id, "create", before is null ? null : FactorVersionDto.From(before), added, ct: cancellationToken);
            return added;
        }

        private static DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new BadInputException(field, Texte.Format(Texte.ServerDatumFormatJjjjMmTt, text));
        }
    }
}
