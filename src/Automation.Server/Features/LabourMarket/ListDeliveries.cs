using System.Globalization;
using System.Security.Cryptography;
using Automation.Data.Schema;
using Automation.Server.Infrastructure;
using Automation.Workforce.Reporting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using Quartz;

namespace Automation.Server.Features.LabourMarket;

internal sealed record ListDeliveries(int Limit) : IRequest<IReadOnlyList<DeliveryDto>>
{
    internal sealed class Handler(ReportDeliveryLog log) : IRequestHandler<ListDeliveries, IReadOnlyList<DeliveryDto>>
    {
        public async ValueTask<IReadOnlyList<DeliveryDto>> Handle(ListDeliveries request, CancellationToken cancellationToken) =>
            await log.ListAsync(request.Limit, cancellationToken);
    }
}
