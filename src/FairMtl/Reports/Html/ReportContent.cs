using FairMtl.Reports.Figures;

namespace FairMtl.Reports.Html;

/// <summary>What one kind of result contributes to the report page.</summary>
/// <param name="Kind">The kind, in words (e.g. <c>sweep experiment</c>).</param>
/// <param name="Findings">Sentences stated at the top (e.g. the seed analysis' verdict).</param>
/// <param name="Figures">The figures, in order.</param>
/// <param name="Tables">The tables, in order.</param>
/// <param name="Details">Tables shown collapsed on screen (e.g. every run), with what they hold.</param>
/// <param name="SpecPath">The summary.json path of the resolved spec.</param>
public sealed record ReportContent(
    string Kind,
    IReadOnlyList<string> Findings,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<HtmlTable> Tables,
    IReadOnlyList<HtmlTable> Details,
    string SpecPath);
