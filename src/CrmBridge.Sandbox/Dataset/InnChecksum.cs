namespace CrmBridge.Sandbox.Dataset;

/// <summary>The check-digit algorithm of the Russian tax id (INN): 10 digits for a legal entity, 12 for a sole trader.</summary>
public static class InnChecksum
{
    private static readonly int[] Weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>True when <paramref name="inn"/> is 10 or 12 ASCII digits with correct check digits.</summary>
    public static bool IsValid(string? inn)
    {
        if (inn is null || (inn.Length != 10 && inn.Length != 12) || !inn.All(char.IsAsciiDigit))
        {
            return false;
        }

        return inn.Length == 10
            ? CheckDigit(inn, Weights10) == inn[9] - '0'
            : CheckDigit(inn, Weights11) == inn[10] - '0' && CheckDigit(inn, Weights12) == inn[11] - '0';
    }

    /// <summary>Completes 9 digits to a valid 10-digit INN, or 10 digits to a valid 12-digit one.</summary>
    public static string Complete(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (!digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An INN holds digits only.", nameof(digits));
        }

        return digits.Length switch
        {
            9 => digits + CheckDigit(digits, Weights10),
            10 => Complete11(digits + CheckDigit(digits, Weights11)),
            _ => throw new ArgumentException($"Expected 9 or 10 digits, got {digits.Length}.", nameof(digits)),
        };
    }

    private static string Complete11(string eleven) => eleven + CheckDigit(eleven, Weights12);

    private static int CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11 % 10;
    }
}
