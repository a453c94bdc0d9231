using System.Globalization;
using System.Text;
using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Worker.Output.ReportHtml;

namespace CrmBridge.Worker.Output;

/// <summary>A funnel as inline SVG: one centred bar per stage (width by deals reached), the conversion to the next stage between bars, hints as coloured tags.</summary>
internal static class ReportFunnelChart
{
    private const int Width = 980;
    private const int LabelRight = 250;
    private const int BarLeft = 262;
    private const int BarWidth = 440;
    private const int NoteLeft = BarLeft + BarWidth + 18;
    private const int RowHeight = 30;
    private const int BarHeight = 22;

    public static string Svg(IReadOnlyList<FunnelStageFigures> stages)
    {
        var max = Math.Max(1, stages.Max(s => s.Reached));
        var height = (stages.Count * RowHeight) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"funnel\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"Funnel chart\">");
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var y = (i * RowHeight) + 4;
            var width = stage.Reached == 0 ? 2 : Math.Max(4, BarWidth * stage.Reached / (double)max);
            var x = BarLeft + ((BarWidth - width) / 2);
            var middle = y + (BarHeight / 2) + 5;
            var fill = stage.Outcome == StageOutcome.Won ? "#2f9e5f" : "#4a6fe3";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelRight}\" y=\"{middle}\" text-anchor=\"end\" class=\"label\">{E(Shorten(stage.Name, 34))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight}\" rx=\"3\" fill=\"{fill}\"><title>{E(stage.Name)}: {stage.Reached} reached, {stage.Skipped} of them skipped it</title></rect>");
            var count = FunnelFormat.Count(stage.Reached);
            if (width > 60)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{BarLeft + (BarWidth / 2)}\" y=\"{middle}\" text-anchor=\"middle\" class=\"count in\">{count}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + width + 6:0.#}\" y=\"{middle}\" class=\"count\">{count}</text>");
            }

            if (stage.ConversionToNext is { } conversion)
            {
                // Between this bar and the next: the share that went on.
                var note = y + BarHeight + 2;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{NoteLeft}\" y=\"{note}\" class=\"conv\">↓ {FunnelFormat.Percent(conversion)}</text>");
                if (stage.Hint != FunnelHint.None)
                {
                    var (text, color) = stage.Hint == FunnelHint.Merge ? ("merge with next?", "#c98a00") : ("split this stage?", "#d63b3b");
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{NoteLeft + 70}\" y=\"{note - 13}\" width=\"{(text.Length * 6.4) + 14:0}\" height=\"18\" rx=\"9\" fill=\"{color}\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{NoteLeft + 77}\" y=\"{note}\" class=\"hint\">{text}</text>");
                }
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
