namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary><c>batch</c>: up to 50 sub-calls, each <c>method?query</c> with PHP-style parameters.</summary>
internal sealed class Bitrix24BatchRequest
{
    public int Halt { get; init; }

    public Dictionary<string, string> Cmd { get; init; } = [];
}
