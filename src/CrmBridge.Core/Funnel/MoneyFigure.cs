namespace CrmBridge.Core.Funnel;

/// <summary>An average amount in one currency, over <paramref name="Deals"/> deals with an amount.</summary>
public sealed record MoneyFigure(string Currency, decimal Average, long Deals, decimal Total);
