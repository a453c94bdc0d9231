using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Tests.Connections;

public sealed class FieldMapPartitionTests
{
    private static readonly Dictionary<string, string> Map = new()
    {
        ["Deal.Source"] = " lead_source ",
        ["deal.budget"] = "",
        ["company.website"] = "site",
        ["company.segment"] = "segment",
        ["contact.email"] = "mail",
        ["contact.hobby"] = "hobby",
        ["other.thing"] = "x",
    };

    [Fact]
    public void Constructor_SplitsByEntity_TrimmingAndDroppingEmptyValues()
    {
        var partition = new FieldMapPartition(Map, "crm_marker");

        Assert.Equal("lead_source", partition.Deal["deal.source"]);
        Assert.False(partition.Deal.ContainsKey("deal.budget"));
        Assert.Equal(["company.segment", "company.website"], partition.Company.Keys.Order());
        Assert.Equal(["contact.email", "contact.hobby"], partition.Contact.Keys.Order());
    }

    [Fact]
    public void CustomParts_LeaveOutModelMembers()
    {
        var partition = new FieldMapPartition(Map, "crm_marker");

        Assert.Equal(["company.segment"], partition.CompanyCustom.Keys);
        Assert.Equal(["contact.hobby"], partition.ContactCustom.Keys);
    }

    [Fact]
    public void MarkerField_DefaultsUnlessMapped()
    {
        Assert.Equal("crm_marker", new FieldMapPartition(Map, "crm_marker").MarkerField);
        var mapped = new Dictionary<string, string> { [CanonicalFields.DealMarker] = "my_marker" };
        Assert.Equal("my_marker", new FieldMapPartition(mapped, "crm_marker").MarkerField);
    }

    [Fact]
    public void Find_IsCaseInsensitive_AndNullWhenUnmappedOrBlank()
    {
        var partition = new FieldMapPartition(Map, "crm_marker");

        Assert.Equal("site", partition.Find("COMPANY.WEBSITE"));
        Assert.Null(partition.Find("deal.budget"));
        Assert.Null(partition.Find("company.inn"));
    }
}
