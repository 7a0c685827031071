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

internal sealed record UpdateUser(string UserName, UserPatch Patch) : IRequest<UserDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit, IHttpContextAccessor http, TimeProvider time) : IRequestHandler<UpdateUser, UserDto>
    {
        public async ValueTask<UserDto> Handle(UpdateUser request, CancellationToken cancellationToken)
        {
            var patch = request.Patch;
            var displayName = UserRules.CheckDisplayName(patch.DisplayName);
            var roles = patch.Roles is null ? null : UserRules.CheckRoles(patch.Roles);
            var groups = patch.Groups is null ? null : UserRules.CheckGroups(patch.Groups);
            if (patch.Password is not null) UserRules.CheckPassword(patch.Password);
            await using var context = accessor.Host.Database.CreateContext();
            var record = await UserRules.FindAsync(context, request.UserName, cancellationToken);
            if (record.UserName == (http.HttpContext?.User.UserName() ?? "") && patch.Active == false) throw new BadInputException("active", Texte.ServerSieKoennenSichSelbstDeaktivieren);
            var before = UserRules.Audit(record, false);
            var endSessions = false;
            if (displayName is not null) record.DisplayName = displayName;
            if (roles is not null && ServerUser.Join(roles) != record.Roles)
            {
                record.Roles = ServerUser.Join(roles);
                endSessions = true;
            }
            if (groups is not null && ServerUser.Join(groups) != record.CandidateGroups)
            {
                record.CandidateGroups = ServerUser.Join(groups);
                endSessions = true;
            }
            if (patch.Password is not null)
            {
                record.PasswordHash = UserStore.HashPassword(ServerUser.From(record), patch.Password);
                endSessions = true;
            }
            if (patch.Active is { } active && active != record.Active)
            {
                record.Active = active;
                endSessions |= !active;
            }
            // Roles or groups set here win over the identity provider's claims from now on.
            if (roles is not null || groups is not null) record.External = false;
            if (endSessions) record.SecurityStamp = UserStore.NewStamp();
            record.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await UserRules.EnsureAnAdminRemainsAsync(context, record, cancellationToken);
            audit.Add(context, AuditKinds.User, record.UserName, "update", before, UserRules.Audit(record, patch.Password is not null));
            await context.SaveChangesAsync(cancellationToken);
            return UserRules.Dto(record, await UserRules.LocksAsync(context, time, cancellationToken));
        }
    }
}
