namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>Every successful answer: <c>{result, total?, next?, time}</c>.</summary>
internal sealed class Bitrix24Response<T>
{
    public T? Result { get; init; }

    public int? Total { get; init; }

    public int? Next { get; init; }

    public Bitrix24Time? Time { get; init; }
}
