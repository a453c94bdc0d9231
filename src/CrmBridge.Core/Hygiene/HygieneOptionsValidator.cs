using CrmBridge.Core.Connections;
using CrmBridge.Core.Hygiene.Checks;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Hygiene;

/// <summary>Checks the hygiene configuration at start; every message names the key and the bad value.</summary>
public sealed class HygieneOptionsValidator(IOptions<CrmBridgeOptions> bridge) : IValidateOptions<HygieneOptions>
{
    private static readonly string Formats = string.Join(", ", Enum.GetNames<HygieneFieldFormat>());

    public ValidateOptionsResult Validate(string? name, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var root = HygieneOptions.SectionName;
        ValidateLayer(root, options, errors);
        if (options.MaxValueLength < 16)
        {
            errors.Add($"{root}:MaxValueLength must be at least 16 (got {options.MaxValueLength}).");
        }

        if (options.ChunkSize is < 1 or > 50_000)
        {
            errors.Add($"{root}:ChunkSize must be between 1 and 50000 (got {options.ChunkSize}).");
        }

        if (options.Tasks.DueInDays is < 0 or > 365)
        {
            errors.Add($"{root}:Tasks:DueInDays must be between 0 and 365 (got {options.Tasks.DueInDays}).");
        }

        if (options.Tasks.MaxPerSweep < 1)
        {
            errors.Add($"{root}:Tasks:MaxPerSweep must be at least 1 (got {options.Tasks.MaxPerSweep}).");
        }

        if (options.FieldHealth.LongTailBelow is < 0 or > 1 || options.FieldHealth.MinShapeShare is < 0 or > 1)
        {
            errors.Add($"{root}:FieldHealth:LongTailBelow and MinShapeShare are shares between 0 and 1 (got {options.FieldHealth.LongTailBelow} and {options.FieldHealth.MinShapeShare}).");
        }

        if (options.FieldHealth.ZooShapes < 2)
        {
            errors.Add($"{root}:FieldHealth:ZooShapes must be at least 2 (got {options.FieldHealth.ZooShapes}).");
        }

        foreach (var (connection, layer) in options.Connections)
        {
            var key = $"{root}:Connections:{connection}";
            if (bridge.Value.FindConnection(connection) is null)
            {
                errors.Add($"{key} names no connection under {CrmBridgeOptions.SectionName}:Connections (configured: {string.Join(", ", bridge.Value.Connections.Keys)}).");
            }

            ValidateLayer(key, layer, errors);
            foreach (var (pipeline, pipelineLayer) in layer.Pipelines)
            {
                ValidateLayer($"{key}:Pipelines:{pipeline}", pipelineLayer, errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateLayer(string key, HygieneRuleSetOptions layer, List<string> errors)
    {
        foreach (var rule in layer.Rules.Keys.Where(r => !HygieneRules.All.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{key}:Rules:{rule} is not a hygiene rule; use one of {string.Join(", ", HygieneRules.All)}.");
        }

        CheckFields($"{key}:RequiredFields", layer.RequiredFields, errors);
        CheckFields($"{key}:RequiredWhenLost", layer.RequiredWhenLost, errors);
        foreach (var (stage, fields) in layer.StageExitCriteria ?? [])
        {
            CheckFields($"{key}:StageExitCriteria:{stage}", fields, errors);
        }

        foreach (var (field, values) in layer.AllowedValues ?? [])
        {
            CheckFields($"{key}:AllowedValues", [field], errors);
            if (values.Count == 0)
            {
                errors.Add($"{key}:AllowedValues:{field} lists no values.");
            }
        }

        foreach (var (field, format) in layer.FieldFormats ?? [])
        {
            CheckFields($"{key}:FieldFormats", [field], errors);
            if (!Enum.TryParse<HygieneFieldFormat>(format, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                errors.Add($"{key}:FieldFormats:{field} '{format}' is not a format; use one of {Formats}.");
            }
        }

        if (layer.NamingTemplate is not null && !NamingTemplate.TryParse(layer.NamingTemplate, out _, out var error))
        {
            errors.Add($"{key}:NamingTemplate '{layer.NamingTemplate}' {error}.");
        }

        if (layer.PhoneRegion is not null && !PhoneNormalizer.IsSupportedRegion(layer.PhoneRegion))
        {
            errors.Add($"{key}:PhoneRegion '{layer.PhoneRegion}' is not a region libphonenumber knows (use an ISO 3166 code such as RU, KZ, US).");
        }

        if (layer.PhoneValidation is not null && layer.PhoneValidation is not ("Possible" or "Valid"))
        {
            errors.Add($"{key}:PhoneValidation '{layer.PhoneValidation}' must be Possible or Valid.");
        }
    }

    private static void CheckFields(string key, IEnumerable<string>? fields, List<string> errors)
    {
        foreach (var field in fields ?? [])
        {
            if (!HygieneFields.IsWellFormed(field))
            {
                errors.Add($"{key} '{field}' is not a field name; use deal.*, company.* or contact.* (e.g. deal.amount, company.inn).");
            }
        }
    }
}
