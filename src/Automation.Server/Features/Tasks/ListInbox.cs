using System.Linq.Expressions;
using System.Security.Claims;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Automation.Server.Features.Tasks;

/// <summary>Which tasks by deadline: overdue, due today, due this calendar week (Monday to Sunday).</summary>
internal enum InboxDue
{
    Any,
    Overdue,
    Today,
    Week,
}

/// <summary>Order of the inbox: oldest first (the default), nearest deadline first, by process name.</summary>
internal enum InboxSort
{
    Created,
    Due,
    Process,
}

/// <summary>Filter, search, order and page of the inbox; <c>Search</c> matches Aktenzeichen and task name anywhere, ignoring case.</summary>
internal sealed record InboxQuery(string? ProcessId = null, InboxDue Due = InboxDue.Any, string? Search = null, InboxSort Sort = InboxSort.Created,
    int Page = 1, int PageSize = InboxQuery.PagePageSize)
{
    /// <summary>Tasks per page of the inbox page.</summary>
    public const int PagePageSize = 25;

    /// <summary>Tasks the API answers at most (first page, default order).</summary>
    public const int ApiLimit = 500;

    /// <summary>Longest search text (an Aktenzeichen or a task name is far shorter).</summary>
    public const int MaxSearchLength = 100;
}

/// <summary>One page of the inbox, the number of tasks matching the filter, and the processes the person has tasks of.</summary>
internal sealed record InboxPage(IReadOnlyList<TaskDto> Items, int Total, int Page, int PageSize, IReadOnlyList<ProcessOption> Processes)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A process in the inbox's filter.</summary>
internal sealed record ProcessOption(string ProcessId, string Name);

/// <summary>The inbox: open tasks of the person's groups and the ones the person claimed, filtered and paged in the query.</summary>
internal sealed record ListInbox(ClaimsPrincipal User, InboxQuery? Query = null) : IRequest<InboxPage>;

internal sealed class ListInboxHandler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<ListInbox, InboxPage>
{
    public async ValueTask<InboxPage> Handle(ListInbox request, CancellationToken cancellationToken)
    {
        var q = request.Query ?? new InboxQuery();
        if (q.Search is { Length: > InboxQuery.MaxSearchLength })
        {
            throw new BadInputException("suche", Texte.Format(Texte.ServerSuchbegriffLangHoechstensZeichen, InboxQuery.MaxSearchLength));
        }
        if (q.Page < 1) throw new BadInputException("seite", Texte.ServerSeiteMussGroesserSein);
        var host = accessor.Host;
        await using var context = host.Database.CreateContext();
        var visible = Visible(context.Tasks.AsNoTracking(), request.User);

        // The name of a process is that of its latest published version (the one new cases start on).
        var rows = from t in visible
                   join c in context.Cases on t.CaseId equals c.Id
                   let latest = context.Definitions.Where(d => d.ProcessId == t.ProcessId && d.Published).OrderByDescending(d => d.Id)
                       .Select(d => new { d.Id, d.Name }).FirstOrDefault()
                   select new { Task = t, c.BusinessKey, DefinitionId = (long?)latest!.Id, ProcessName = latest.Name ?? t.ProcessId };

        if (!string.IsNullOrWhiteSpace(q.ProcessId)) rows = rows.Where(r => r.Task.ProcessId == q.ProcessId);
        if (q.Due != InboxDue.Any)
        {
            var (from, to) = DueWindow(q.Due);
            rows = rows.Where(r => r.Task.DueAt != null && r.Task.DueAt >= from && r.Task.DueAt < to);
        }
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            // Contains with a parameter is translated to instr/strpos, not LIKE: % and _ in the text match only themselves.
            // Both sides lower-cased; in the query ToLower() is SQL lower(), which the culture and StringComparison
            // overloads the analyzers ask for have no translation to.
            var term = q.Search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
            rows = rows.Where(r => (r.BusinessKey != null && r.BusinessKey.ToLower().Contains(term))
                || (r.Task.Name != null && r.Task.Name.ToLower().Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await rows.CountAsync(cancellationToken);
        var ordered = q.Sort switch
        {
            // Tasks without a deadline last; the wait id keeps pages stable between equal keys.
            InboxSort.Due => rows.OrderBy(r => r.Task.DueAt == null).ThenBy(r => r.Task.DueAt).ThenBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.CaseId)
                .ThenBy(r => r.Task.WaitId),
            InboxSort.Process => rows.OrderBy(r => r.ProcessName).ThenBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.CaseId).ThenBy(r => r.Task.WaitId),
            _ => rows.OrderBy(r => r.Task.CreatedAt).ThenBy(r => r.Task.CaseId).ThenBy(r => r.Task.WaitId),
        };
        var page = await ordered.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(cancellationToken);

        var definitions = new Dictionary<long, Data.StoredDefinition>();
        foreach (var id in page.Where(r => r.DefinitionId is not null).Select(r => r.DefinitionId!.Value).Distinct())
        {
            definitions[id] = await host.Definitions.GetAsync(id, cancellationToken);
        }
        var items = page.Select(r => r.DefinitionId is { } d
            ? TaskAccess.ToDto(r.Task, r.BusinessKey, definitions[d].Process, definitions[d].Set)
            : TaskAccess.ToDto(r.Task, r.BusinessKey, null, null)).ToList();

        var options = await (from t in visible
                             select new
                             {
                                 t.ProcessId,
                                 Name = context.Definitions.Where(d => d.ProcessId == t.ProcessId && d.Published).OrderByDescending(d => d.Id)
                                     .Select(d => d.Name).FirstOrDefault(),
                             }).Distinct().ToListAsync(cancellationToken);
        var processOptions = options.Select(o => new ProcessOption(o.ProcessId, o.Name ?? o.ProcessId))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture).ThenBy(o => o.ProcessId, StringComparer.Ordinal).ToList();
        return new InboxPage(items, total, q.Page, q.PageSize, processOptions);
    }

    /// <summary>The open tasks of the person's groups and the ones the person claimed (all open and claimed ones for Administration).</summary>
    private static IQueryable<TaskRecord> Visible(IQueryable<TaskRecord> tasks, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return tasks.Where(t => t.Status == "open" || t.Status == "claimed");
        var me = user.UserName();
        // DepartmentScope.WorksOnTask in SQL. Roles are stored as |a|b|, so a group matches as |group| without false
        // hits on prefixes; candidate users match by TaskCandidates' filter.
        var patterns = user.Groups().Select(g => "|" + g + "|").ToList();
        Expression<Func<TaskRecord, bool>> groups = t => (t.Roles == "|" && t.CandidateUsers == null) || patterns.Any(p => t.Roles.Contains(p));
        var candidate = TaskCandidates.Filter(me);
        var admitted = Expression.Lambda<Func<TaskRecord, bool>>(
            Expression.OrElse(groups.Body, ReplacingExpressionVisitor.Replace(candidate.Parameters[0], groups.Parameters[0], candidate.Body)),
            groups.Parameters);
        return tasks.Where(t => t.Status == "open" || (t.Status == "claimed" && t.Assignee == me)).Where(admitted);
    }

    /// <summary>The deadline window in Unix milliseconds; days and weeks in the server's local time zone.</summary>
    private (long From, long To) DueWindow(InboxDue due)
    {
        var now = time.GetLocalNow();
        var today = new DateTimeOffset(now.Date, now.Offset);
        return due switch
        {
            InboxDue.Overdue => (long.MinValue, now.ToUnixTimeMilliseconds()),
            InboxDue.Today => (today.ToUnixTimeMilliseconds(), today.AddDays(1).ToUnixTimeMilliseconds()),
            _ => WeekOf(today),
        };
    }

    private static (long From, long To) WeekOf(DateTimeOffset today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return (monday.ToUnixTimeMilliseconds(), monday.AddDays(7).ToUnixTimeMilliseconds());
    }
}
