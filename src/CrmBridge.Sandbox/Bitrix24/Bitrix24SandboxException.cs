namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>A method failed the way Bitrix24 reports it: an HTTP status and <c>{error, error_description}</c>.</summary>
internal sealed class Bitrix24SandboxException(int status, string code, string description) : Exception($"{code}: {description}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Description { get; } = description;

    public static Bitrix24SandboxException Invalid(string description) => new(400, "INVALID_ARG_VALUE", description);

    public static Bitrix24SandboxException NotFound(string description) => new(400, "NOT_FOUND", description);
}
