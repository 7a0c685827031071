using Automation.Data;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Automation.Workforce.Importing;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

internal sealed record ImportFile(ImportKind Kind, byte[] Content, string FileName, bool ImportValid, string User = "") : IRequest<ImportReportDto>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<ImportFile, ImportReportDto>
    {
        public async ValueTask<ImportReportDto> Handle(ImportFile request, CancellationToken cancellationToken)
        {
            var name = Path.GetFileName(request.FileName);
            ImportReportDto Report<T>(ImportResult<T> r, int imported) => new(request.Kind.ToString(), name, r.TotalRows, imported, r.Errors);
            try
            {
                if (request.Kind == ImportKind.Offers && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    var json = CourseSearchImporter.Read(new MemoryStream(request.Content));
                    return await StoreAsync(json, request.ImportValid, v => store.UpsertOffersAsync(v, cancellationToken), Report);
                }
                var table = TabularFile.Read(new MemoryStream(request.Content), name);
                return request.Kind switch
                {
                    ImportKind.Positions => await StoreAsync(Importers.Positions(table, LabourFigures.Catalog), request.ImportValid, v => store.ReplacePositionsAsync(v, cancellationToken), Report),
                    ImportKind.Profiles => await StoreAsync(Importers.Profiles(table, LabourFigures.Catalog), request.ImportValid, v => store.ReplaceProfilesAsync(v, cancellationToken), Report),
                    ImportKind.OccupationSkills => await StoreAsync(Importers.OccupationSkills(table, LabourFigures.Catalog), request.ImportValid,
                        v => store.ReplaceOccupationSkillsAsync(v, cancellationToken), Report),
                    ImportKind.Staffing => await StoreAsync(Importers.Staffing(table, LabourFigures.Catalog), request.ImportValid,
                        v => store.UpsertStaffingAsync(v, request.User, cancellationToken), Report),
                    _ => await StoreAsync(Importers.Offers(table, name), request.ImportValid, v => store.UpsertOffersAsync(v, cancellationToken), Report),
                };
            }
            catch (ImportFormatException e)
            {
                return new ImportReportDto(request.Kind.ToString(), name, 0, 0, [new RowError(0, null, e.Message)]);
            }
        }

        /// <summary>Nothing is stored from a file with errors unless the user chose to import the valid rows; a file-level error stores nothing.</summary>
        private static async Task<ImportReportDto> StoreAsync<T>(ImportResult<T> result, bool importValid, Func<IReadOnlyList<T>, Task> save,
            Func<ImportResult<T>, int, ImportReportDto> report)
        {
            if (result.HasFileError || (result.HasErrors && !importValid) || result.Valid.Count == 0) return report(result, 0);
            await save(result.Valid);
            return report(result, result.Valid.Count);
        }
    }
}
