using CrmBridge.Core.Connections;
using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelPipelinesTests
{
    private static readonly Pipeline[] Pipelines =
    [
        new("test", "cs", "Client Success", 1, []),
        new("test", "sales", "Sales", 0, []),
        new("test", "partners", "Partners", 2, []),
    ];

    [Fact]
    public void Select_NoRoles_TakesEveryPipelineInOrder() =>
        Assert.Equal(["sales", "cs", "partners"], FunnelPipelines.Select(Pipelines, null, null).Select(p => p.ExternalId));

    [Fact]
    public void Select_ClientSuccessRole_LeavesItOut() =>
        Assert.Equal(["sales", "partners"], FunnelPipelines.Select(Pipelines, new PipelineRolesOptions { ClientSuccess = "cs" }, null).Select(p => p.ExternalId));

    [Fact]
    public void Select_SalesRole_TakesOnlyThose() =>
        Assert.Equal(["partners"], FunnelPipelines.Select(Pipelines, new PipelineRolesOptions { Sales = ["partners"] }, null).Select(p => p.ExternalId));

    [Theory]
    [InlineData("cs", "cs")]
    [InlineData("client success", "cs")]
    [InlineData("nope", null)]
    public void Select_Requested_MatchesIdOrNameOfAnyPipeline(string requested, string? expected) =>
        Assert.Equal(expected, FunnelPipelines.Select(Pipelines, new PipelineRolesOptions { ClientSuccess = "cs" }, requested).SingleOrDefault()?.ExternalId);
}
