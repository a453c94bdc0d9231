using CrmBridge.Core.Model;

namespace CrmBridge.Storage.Tests.Contract;

/// <summary>Compares deals by content: records compare their list and dictionary members by reference.</summary>
internal static class DealAssert
{
    private static readonly IReadOnlyList<string> NoContacts = [];
    private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

    public static void Equal(Deal expected, Deal? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(WithoutCollections(expected), WithoutCollections(actual));
        Assert.Equal(expected.ContactIds, actual.ContactIds);
        Assert.Equal(expected.Fields.OrderBy(f => f.Key, StringComparer.Ordinal), actual.Fields.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    public static void Equal(IReadOnlyList<Deal> expected, IReadOnlyList<Deal> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i]);
        }
    }

    private static Deal WithoutCollections(Deal deal) => deal with { ContactIds = NoContacts, Fields = NoFields };
}
