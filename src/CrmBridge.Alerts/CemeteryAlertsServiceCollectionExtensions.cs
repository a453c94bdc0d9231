using System.Net;
using CrmBridge.Alerts.Cemetery;
using CrmBridge.Core.Cemetery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CrmBridge.Alerts;

/// <summary>Registers the deal cemetery with every channel: its core (<see cref="CemeteryServiceCollectionExtensions.AddCemetery"/>) plus Slack, Telegram, email and the generic webhook.</summary>
public static class CemeteryAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddCemeteryAlerts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCemetery();

        // No logging handlers: the webhook URL and the bot token are in the request URI, which they would log.
        services.AddHttpClient(CemeteryHttpSender.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("cemetery", static (pipeline, context) =>
            {
                var delivery = context.ServiceProvider.GetRequiredService<IOptions<CemeteryOptions>>().Value.Delivery;
                if (delivery.HttpRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = delivery.HttpRetries,
                        Delay = delivery.HttpRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    });
                }

                pipeline.AddTimeout(delivery.HttpTimeout);
            });
        services.TryAddSingleton<CemeteryHttpSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICemeteryChannel, SlackCemeteryChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICemeteryChannel, TelegramCemeteryChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICemeteryChannel, EmailCemeteryChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICemeteryChannel, WebhookCemeteryChannel>());
        return services;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
