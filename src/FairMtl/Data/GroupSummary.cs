namespace FairMtl.Data;

/// <summary>How the test rows were assigned to the protected groups.</summary>
/// <param name="Column">The protected attribute's column.</param>
/// <param name="Rule"><c>binary</c>, <c>median</c> or <c>threshold</c>.</param>
/// <param name="Threshold">Group 1 is <c>value &gt; Threshold</c> (the test median for <c>median</c>); null for <c>binary</c>.</param>
/// <param name="Label0">Display name of group 0.</param>
/// <param name="Label1">Display name of group 1.</param>
/// <param name="TestCount0">Test rows in group 0.</param>
/// <param name="TestCount1">Test rows in group 1.</param>
/// <param name="Description">One line for reports, e.g. <c>B &gt; median(test B) = 392.205: high-B 51 rows, low-B 51 rows</c>.</param>
public sealed record GroupSummary(
    string Column,
    string Rule,
    double? Threshold,
    string Label0,
    string Label1,
    int TestCount0,
    int TestCount1,
    string Description);
