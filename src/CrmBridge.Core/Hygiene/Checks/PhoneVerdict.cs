namespace CrmBridge.Core.Hygiene.Checks;

/// <summary>What a phone number check found; <see cref="E164"/> is set when the number can be written unambiguously that way.</summary>
public readonly record struct PhoneVerdict(PhoneVerdictKind Kind, string? E164)
{
    public static PhoneVerdict Ok { get; } = new(PhoneVerdictKind.Ok, null);

    public static PhoneVerdict Invalid { get; } = new(PhoneVerdictKind.Invalid, null);
}
