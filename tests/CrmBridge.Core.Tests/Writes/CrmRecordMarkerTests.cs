using CrmBridge.Core.Writes;

namespace CrmBridge.Core.Tests.Writes;

public sealed class CrmRecordMarkerTests
{
    [Fact]
    public void For_SameKey_GivesTheSameShortLabelledHexMarkerThatHidesTheKey()
    {
        var marker = CrmRecordMarker.For("crmbridge-cs:acme-prod:1901:r0:note");

        Assert.Equal(marker, CrmRecordMarker.For("crmbridge-cs:acme-prod:1901:r0:note"));
        Assert.Matches("^crmbridge:[0-9a-f]{32}$", marker);
        Assert.DoesNotContain("acme", marker, StringComparison.Ordinal);
        Assert.NotEqual(marker, CrmRecordMarker.For("crmbridge-cs:acme-prod:1901:r1:note"));
    }

    [Theory]
    [InlineData(null, "crmbridge:ab")]
    [InlineData("", "crmbridge:ab")]
    [InlineData("Call the buyer", "Call the buyer\n\ncrmbridge:ab")]
    [InlineData("Call the buyer\n", "Call the buyer\n\ncrmbridge:ab")]
    [InlineData("Call the buyer\n\ncrmbridge:ab", "Call the buyer\n\ncrmbridge:ab")]
    public void AppendTo_Text_PutsTheMarkerOnItsOwnLastLineOnce(string? text, string expected) =>
        Assert.Equal(expected, CrmRecordMarker.AppendTo(text, "crmbridge:ab"));

    [Fact]
    public void IsIn_HtmlAsTheCrmReturnsIt_FindsTheMarker()
    {
        Assert.True(CrmRecordMarker.IsIn("<p>Carried over</p><p>crmbridge:0f3a</p>", "crmbridge:0f3a"));
        Assert.False(CrmRecordMarker.IsIn(null, "crmbridge:0f3a"));
        Assert.False(CrmRecordMarker.IsIn("crmbridge:0f3b", "crmbridge:0f3a"));
    }
}
