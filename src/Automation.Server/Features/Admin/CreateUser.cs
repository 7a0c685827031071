using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

internal sealed record CreateUser(UserBody Body) : IRequest<UserDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit, TimeProvider time) : IRequestHandler<CreateUser, UserDto>
    {
        public async ValueTask<UserDto> Handle(CreateUser request, CancellationToken cancellationToken)
        {
            var body = request.Body;
            var name = UserNames.Normalize(body.UserName);
            if (UserNames.Problem(name) is { } problem) throw new BadInputException("userName", problem);
            var displayName = UserRules.CheckDisplayName(body.DisplayName) ?? name;
            var roles = UserRules.CheckRoles(body.Roles ?? []);
            var groups = UserRules.CheckGroups(body.Groups ?? []);
            if (body.Password is not null) UserRules.CheckPassword(body.Password);
            await using var context = accessor.Host.Database.CreateContext();
            if (await context.Users.AnyAsync(u => u.NormalizedName == name || u.UserName == name, cancellationToken))
            {
                throw new ConcurrencyConflictException(Texte.Format(Texte.ServerPersonGibtSchonAendernPatch, name, name));
            }
            var user = new ServerUser(name, displayName, roles, groups) { Active = body.Active ?? true };
            var record = new UserRecord
            {
                UserName = name, NormalizedName = name, DisplayName = displayName, Roles = ServerUser.Join(roles), CandidateGroups = ServerUser.Join(groups),
                PasswordHash = body.Password is null ? null : UserStore.HashPassword(user, body.Password), SecurityStamp = UserStore.NewStamp(),
                Active = user.Active, CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            context.Users.Add(record);
            audit.Add(context, AuditKinds.User, name, "create", null, UserRules.Audit(record, body.Password is not null));
            await context.SaveChangesAsync(cancellationToken);
            return UserRules.Dto(record, new Dictionary<string, long>());
        }
    }
}
