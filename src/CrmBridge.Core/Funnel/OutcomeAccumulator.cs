using CrmBridge.Core.Model;

namespace CrmBridge.Core.Funnel;

/// <summary>Counts outcomes, won amounts per currency and sales cycles, deal by deal.</summary>
internal sealed class OutcomeAccumulator
{
    private readonly Dictionary<string, (decimal Total, long Deals)> _wonAmounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TimeSpan> _cycles = [];
    private long _deals;
    private long _open;
    private long _won;
    private long _lost;

    public void Add(FunnelDealPath path)
    {
        _deals++;
        if (path.Won)
        {
            _won++;
            var deal = path.Deal;
            if (deal.Amount is { } amount)
            {
                var currency = string.IsNullOrWhiteSpace(deal.Currency) ? "" : deal.Currency.Trim().ToUpperInvariant();
                var (total, deals) = _wonAmounts.GetValueOrDefault(currency);
                _wonAmounts[currency] = (total + amount, deals + 1);
            }

            if (deal.ClosedAt is { } closed && closed >= deal.CreatedAt)
            {
                _cycles.Add(closed - deal.CreatedAt);
            }
        }
        else if (path.Lost)
        {
            _lost++;
        }
        else
        {
            _open++;
        }
    }

    public OutcomeFigures Build() => new(
        _deals,
        _open,
        _won,
        _lost,
        _won + _lost == 0 ? null : (double)_won / (_won + _lost),
        [.. _wonAmounts.OrderByDescending(a => a.Value.Deals).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new MoneyFigure(a.Key, Math.Round(a.Value.Total / a.Value.Deals, 2), a.Value.Deals, a.Value.Total))],
        DurationFigures.Of(_cycles));
}
