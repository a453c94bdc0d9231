namespace CrmBridge.Core.Hygiene;

/// <summary>Thresholds of the field health report, under <c>CrmBridge:Hygiene:FieldHealth</c>.</summary>
public sealed class HygieneFieldHealthOptions
{
    /// <summary>A custom field filled on fewer records than this share is in the long tail.</summary>
    /// <value>Defaults to 0.2.</value>
    public double LongTailBelow { get; set; } = 0.2;

    /// <summary>A field is a "zoo of data types" when at least this many shapes each hold at least <see cref="MinShapeShare"/> of its values.</summary>
    /// <value>Defaults to 2.</value>
    public int ZooShapes { get; set; } = 2;

    /// <summary>The share of a field's values a shape needs to count towards <see cref="ZooShapes"/>.</summary>
    /// <value>Defaults to 0.02.</value>
    public double MinShapeShare { get; set; } = 0.02;
}
