namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>One value of a custom field: its text and, for list fields, the option's enum id (or a phone's WORK/MOB code).</summary>
internal sealed record AmoCrmFieldValueRecord(string Value, long? EnumId = null, string? EnumCode = null);
