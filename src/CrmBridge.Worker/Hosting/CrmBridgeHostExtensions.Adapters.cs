using CrmBridge.Adapters.AmoCrm;
using CrmBridge.Adapters.Bitrix24;
using CrmBridge.Adapters.HubSpot;
using CrmBridge.Adapters.Pipedrive;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Worker.Hosting;

internal static partial class CrmBridgeHostExtensions
{
    /// <summary>Registers every CRM adapter this build ships; connections pick theirs by <c>Kind</c>.</summary>
    public static IHostApplicationBuilder AddCrmAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHubSpotAdapter();
        builder.Services.AddPipedriveAdapter();
        builder.Services.AddBitrix24Adapter();
        builder.Services.AddAmoCrmAdapter();
        return builder;
    }
}
