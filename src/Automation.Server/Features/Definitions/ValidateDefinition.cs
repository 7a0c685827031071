using Mediator;

namespace Automation.Server.Features.Definitions;

/// <summary>Checks a file as publishing would (<see cref="PublishCheck"/>), without storing it.</summary>
internal sealed record ValidateDefinition(string Source, string FileName) : IRequest<ValidateResponse>
{
    internal sealed class Handler(PublishCheck check) : IRequestHandler<ValidateDefinition, ValidateResponse>
    {
        public async ValueTask<ValidateResponse> Handle(ValidateDefinition request, CancellationToken cancellationToken)
        {
            var result = await check.CheckAsync(request.Source, request.FileName, cancellationToken);
            return new ValidateResponse(result.Storable, result.Publishable, result.Set.Processes.Select(p => p.Id).ToList(), result.Findings);
        }
    }
}
