namespace CrmBridge.Storage.Relational.Schema;

/// <summary>One schema step; <see cref="Sql"/> uses the type placeholders that <see cref="Migrations.Render"/> fills.</summary>
internal sealed record Migration(int Version, string Sql);
