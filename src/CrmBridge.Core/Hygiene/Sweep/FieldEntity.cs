namespace CrmBridge.Core.Hygiene.Sweep;

internal enum FieldEntity
{
    Deal,
    Company,
    Contact,
}
