using System.Text;

namespace CrmBridge.Bench.Output;

/// <summary>A Markdown table, printed as the bench goes so a long run shows progress.</summary>
internal sealed class MarkdownTable(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public bool IsEmpty => _rows.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("### " + title).AppendLine();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }
}
