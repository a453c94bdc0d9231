using CrmBridge.Adapters.AmoCrm.Models;

namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>The lead custom fields of an account, to turn field names and list labels into the ids a write needs.</summary>
internal sealed class AmoCrmFieldCatalog(IReadOnlyList<AmoCrmCustomField> fields)
{
    private static readonly HashSet<string> ListTypes = new(StringComparer.OrdinalIgnoreCase) { "select", "multiselect", "radiobutton", "category" };

    public IReadOnlyList<AmoCrmCustomField> Fields { get; } = fields;

    /// <summary>The field a field-map entry names; throws when there is none or the name is ambiguous.</summary>
    public AmoCrmCustomField Resolve(string canonical, string spec)
    {
        var matches = Fields.Where(f => AmoCrmFieldValues.Matches(spec, f.Id, f.Code, f.Name)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new AmoCrmUnmappedFieldException(
                $"field '{canonical}' maps to '{spec}', but amoCRM has no lead field of that name, code or id; create it or fix FieldMap:{canonical}"),
            _ => throw new AmoCrmUnmappedFieldException(
                $"field '{canonical}' maps to '{spec}', which names {matches.Count} lead fields ({string.Join(", ", matches.Select(m => m.Id))}); use the field id in FieldMap:{canonical}"),
        };
    }

    /// <summary>The value to write: the enum id of a list field's option (matched by its label), else the text; null clears the field.</summary>
    public static AmoCrmFieldValueInput ToInput(string canonical, AmoCrmCustomField field, string? value)
    {
        if (value is null)
        {
            return new AmoCrmFieldValueInput { FieldId = field.Id, Values = null };
        }

        if (!ListTypes.Contains(field.Type ?? ""))
        {
            return new AmoCrmFieldValueInput { FieldId = field.Id, Values = [new AmoCrmValueInput { Value = value }] };
        }

        var labels = string.Equals(field.Type, "multiselect", StringComparison.OrdinalIgnoreCase)
            ? value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [value.Trim()];
        var inputs = new List<AmoCrmValueInput>();
        foreach (var label in labels)
        {
            var option = field.Enums?.FirstOrDefault(e => string.Equals(e.Value?.Trim(), label, StringComparison.OrdinalIgnoreCase))
                ?? throw new AmoCrmUnmappedFieldException(
                    $"field '{canonical}' ('{field.Name}') has no option '{label}'; allowed: {string.Join(", ", (field.Enums ?? []).Select(e => e.Value))}");
            inputs.Add(new AmoCrmValueInput { EnumId = option.Id });
        }

        return new AmoCrmFieldValueInput { FieldId = field.Id, Values = inputs };
    }
}
