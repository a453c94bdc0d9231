using System.Collections.ObjectModel;

namespace CrmBridge.Core.Model;

internal static class EmptyFields
{
    public static readonly IReadOnlyDictionary<string, string?> Instance =
        new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>());
}
