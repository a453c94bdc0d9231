using CrmBridge.Core.Hygiene.Checks;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>Resolves the configuration layers (pipeline, connection, global, defaults) into one compiled rule set per pipeline.</summary>
internal static class HygieneRuleCompiler
{
    public static CompiledRules Compile(HygieneOptions options, string connection, IReadOnlyList<Pipeline> pipelines)
    {
        var connectionLayer = options.Connections.GetValueOrDefault(connection);
        var warnings = new List<string>();
        var byPipeline = new Dictionary<string, CompiledRuleSet>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            var pipelineLayer = connectionLayer is null
                ? null
                : connectionLayer.Pipelines.GetValueOrDefault(pipeline.ExternalId) ?? connectionLayer.Pipelines.GetValueOrDefault(pipeline.Name);
            byPipeline[pipeline.ExternalId] = CompileOne(options, [pipelineLayer, connectionLayer, options], pipeline, warnings);
        }

        var fallback = CompileOne(options, [connectionLayer, options], pipeline: null, warnings);
        if (connectionLayer is not null)
        {
            foreach (var key in connectionLayer.Pipelines.Keys.Where(k => !pipelines.Any(p => Same(p.ExternalId, k) || Same(p.Name, k))))
            {
                warnings.Add($"{HygieneOptions.SectionName}:Connections:{connection}:Pipelines:{key} names no pipeline of {connection}; its rules are not used.");
            }
        }

        return new CompiledRules(byPipeline, fallback, warnings);
    }

    private static CompiledRuleSet CompileOne(HygieneOptions options, HygieneRuleSetOptions?[] layers, Pipeline? pipeline, List<string> warnings)
    {
        var enabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in HygieneRules.All)
        {
            var on = HygieneRules.IsOnByDefault(rule);
            foreach (var layer in layers)
            {
                if (layer is not null && layer.Rules.TryGetValue(rule, out var value))
                {
                    on = value;
                    break;
                }
            }

            if (on)
            {
                enabled.Add(rule);
            }
        }

        var required = Pick(layers, l => l.RequiredFields) ?? [.. HygieneDefaults.RequiredFields];
        var exit = Pick(layers, l => l.StageExitCriteria)
            ?? HygieneDefaults.StageExitCriteria.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        var whenLost = Pick(layers, l => l.RequiredWhenLost) ?? [.. HygieneDefaults.RequiredWhenLost];
        var template = Pick(layers, l => l.NamingTemplate) ?? NamingTemplate.Default;
        var region = Pick(layers, l => l.PhoneRegion) ?? HygieneDefaults.PhoneRegion;
        var validation = Pick(layers, l => l.PhoneValidation) ?? HygieneDefaults.PhoneValidation;
        var allowed = Pick(layers, l => l.AllowedValues)
            ?? HygieneDefaults.AllowedValues.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        var formats = Pick(layers, l => l.FieldFormats) ?? [];

        if (!NamingTemplate.TryParse(template, out var naming, out _))
        {
            NamingTemplate.TryParse(NamingTemplate.Default, out naming, out _);
        }

        var stages = CompileStages(pipeline, exit, warnings);
        return new CompiledRuleSet(
            pipeline?.ExternalId ?? "",
            enabled,
            [.. required.Distinct(StringComparer.OrdinalIgnoreCase).Select(FieldAccessor.Create)],
            stages,
            [.. whenLost.Distinct(StringComparer.OrdinalIgnoreCase).Select(FieldAccessor.Create)],
            naming!,
            new PhoneNormalizer(region, string.Equals(validation, "Valid", StringComparison.OrdinalIgnoreCase)),
            [.. allowed.Select(p => (FieldAccessor.Create(p.Key), new HashSet<string>(p.Value.Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase)))],
            [.. formats.Select(p => (FieldAccessor.Create(p.Key), Enum.Parse<HygieneFieldFormat>(p.Value, ignoreCase: true)))],
            options.MaxValueLength);
    }

    private static Dictionary<string, StageRequirements> CompileStages(Pipeline? pipeline, Dictionary<string, List<string>> exit, List<string> warnings)
    {
        var result = new Dictionary<string, StageRequirements>(StringComparer.Ordinal);
        if (pipeline is null)
        {
            return result;
        }

        var ordered = pipeline.Stages.OrderBy(s => s.Order).ToList();
        var criteria = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, fields) in exit)
        {
            var stage = ordered.FirstOrDefault(s => Same(s.ExternalId, key)) ?? ordered.FirstOrDefault(s => Same(s.Name, key));
            if (stage is not null)
            {
                criteria[stage.ExternalId] = fields;
            }
        }

        foreach (var stage in ordered)
        {
            var origin = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var before = new List<FieldAccessor>();
            foreach (var earlier in ordered.Where(s => s.Outcome == StageOutcome.Open && s.Order < stage.Order))
            {
                Add(earlier, before, origin);
            }

            var through = new List<FieldAccessor>(before);
            if (stage.Outcome == StageOutcome.Open)
            {
                Add(stage, through, origin);
            }

            result[stage.ExternalId] = new StageRequirements(stage.ExternalId, stage.Name, stage.Outcome, [.. before], [.. through], origin);
        }

        return result;

        void Add(Stage stage, List<FieldAccessor> into, Dictionary<string, string> origin)
        {
            if (!criteria.TryGetValue(stage.ExternalId, out var fields))
            {
                return;
            }

            foreach (var field in fields)
            {
                if (origin.TryAdd(field.Trim(), stage.Name))
                {
                    into.Add(FieldAccessor.Create(field));
                }
            }
        }
    }

    private static T? Pick<T>(HygieneRuleSetOptions?[] layers, Func<HygieneRuleSetOptions, T?> member)
        where T : class
    {
        foreach (var layer in layers)
        {
            if (layer is not null && member(layer) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
