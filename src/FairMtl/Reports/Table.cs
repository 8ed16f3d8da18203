using System.Collections.Frozen;

namespace FairMtl.Reports;

/// <summary>A result table: typed columns and rows of cells (double, long, int, string or null for empty).</summary>
/// <param name="Name">File stem and title, e.g. <c>sweep</c>.</param>
/// <param name="Title">Heading shown above the table in the terminal.</param>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows; each has one cell per column.</param>
public sealed record Table(string Name, string Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>
    /// Indices (into <see cref="Rows"/>) of the rows on a Pareto front, which an interactive terminal highlights; empty
    /// by default and for tables whose rows are all front rows. The Markdown and CSV renderings ignore it.
    /// </summary>
    public IReadOnlySet<int> HighlightedRows { get; init; } = FrozenSet<int>.Empty;

    /// <summary>The indices of the <c>true</c> flags, e.g. one flag per row saying whether it is on the front.</summary>
    public static IReadOnlySet<int> RowsWhere(IEnumerable<bool> flags) =>
        flags.Select((flag, index) => (flag, index)).Where(x => x.flag).Select(x => x.index).ToFrozenSet();
}

/// <summary>A column of a result table.</summary>
/// <param name="Name">Header text.</param>
/// <param name="Terminal">Whether the terminal view shows it.</param>
/// <param name="Format">Number format in the terminal view (default: fixed decimals); files always round-trip.</param>
/// <param name="File">Whether files (CSV) hold it: false for terminal-only renderings such as <c>mean ± sd</c>.</param>
/// <param name="Key">Whether it names the row (a sweep value, a seed, a method): a terminal too narrow for the table
/// shows it in every part.</param>
public sealed record TableColumn(string Name, bool Terminal = true, string? Format = null, bool File = true, bool Key = false);
