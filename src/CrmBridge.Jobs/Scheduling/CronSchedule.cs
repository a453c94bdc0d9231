using Cronos;

namespace CrmBridge.Jobs.Scheduling;

/// <summary>Parses cron expressions the way Hangfire reads them: 5 fields, or 6 with seconds first.</summary>
internal static class CronSchedule
{
    public static bool TryParse(string? expression, out CronExpression? cron, out string? error)
    {
        cron = null;
        error = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "it is empty";
            return false;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            cron = CronExpression.Parse(expression, format);
            return true;
        }
        catch (CronFormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
