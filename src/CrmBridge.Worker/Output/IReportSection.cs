namespace CrmBridge.Worker.Output;

/// <summary>
/// A feature's part of the HTML report (<c>crmbridge report --html</c>), shown for each connection after its funnel.
/// Extension point: a feature registers its section with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IReportSection, MySection&gt;())</c> and the report picks it up;
/// the hygiene and cemetery sections are built in (<see cref="ReportHygieneSection"/>, <see cref="ReportCemeterySection"/>). Build the HTML with <see cref="ReportHtml"/>'s
/// helpers so it stays self-contained (no external resources).
/// </summary>
internal interface IReportSection
{
    /// <summary>Sections are shown in ascending order; hygiene is 50, the cemetery 100.</summary>
    int Order { get; }

    /// <summary>The section's HTML for one connection (encoded with <see cref="ReportHtml.E"/>), or null when it has nothing to show.</summary>
    Task<string?> RenderAsync(IServiceProvider services, string connection, CancellationToken cancellationToken);
}
