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

internal sealed record GetDeliveryFile(long Id) : IRequest<(string FileName, byte[] Content)?>
{
    internal sealed class Handler(ReportDeliveryLog log) : IRequestHandler<GetDeliveryFile, (string FileName, byte[] Content)?>
    {
        public async ValueTask<(string FileName, byte[] Content)?> Handle(GetDeliveryFile request, CancellationToken cancellationToken) =>
            await log.FileAsync(request.Id, cancellationToken);
    }
}
