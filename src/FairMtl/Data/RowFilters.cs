using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// <c>data.filter</c> applied to the fields of a row. The ordering operators compare numbers, and a field that is
/// empty, a <c>data.missing</c> marker or not a number fails them (pandas' NaN semantics); <c>==</c> / <c>!=</c> compare
/// numerically when both sides are numbers, else the trimmed text.
/// </summary>
internal sealed class RowFilters
{
    private readonly Condition[] _conditions;
    private readonly HashSet<string> _missing;

    private RowFilters(Condition[] conditions, HashSet<string> missing)
    {
        _conditions = conditions;
        _missing = missing;
    }

    /// <summary>The filters with the field index of each one's column.</summary>
    public static RowFilters Of(IReadOnlyList<RowFilter> filters, Func<string, int> columnIndex, HashSet<string> missing) =>
        new(
            filters.Select(filter => new Condition(
                    columnIndex(filter.Column),
                    filter.Operator,
                    filter.Value,
                    RowFilterSyntax.TryNumber(filter.Value.Trim(), out var number) ? number : null))
                .ToArray(),
            missing);

    /// <summary>The field index of every filtered column.</summary>
    public IEnumerable<int> Columns => _conditions.Select(condition => condition.Index);

    /// <summary>True when the row meets every condition.</summary>
    public bool Keep(List<TextField> fields)
    {
        foreach (var condition in _conditions)
        {
            if (!Holds(condition, fields[condition.Index].Value.Trim()))
            {
                return false;
            }
        }

        return true;
    }

    private bool Holds(Condition condition, string field)
    {
        double? number = RowFilterSyntax.TryNumber(field, out var parsed) ? parsed : null;
        switch (condition.Operator)
        {
            case FilterOperator.Equal or FilterOperator.NotEqual:
                var equal = number is { } a && condition.Number is { } b ? a == b : string.Equals(field, condition.Value, StringComparison.Ordinal);
                return equal == (condition.Operator == FilterOperator.Equal);
            default:
                if (number is not { } value || field.Length == 0 || _missing.Contains(field))
                {
                    return false;
                }

                var bound = condition.Number!.Value;
                return condition.Operator switch
                {
                    FilterOperator.Less => value < bound,
                    FilterOperator.LessOrEqual => value <= bound,
                    FilterOperator.Greater => value > bound,
                    _ => value >= bound,
                };
        }
    }

    private sealed record Condition(int Index, FilterOperator Operator, string Value, double? Number);
}
