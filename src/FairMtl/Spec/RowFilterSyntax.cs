using System;
using System.Globalization;

namespace FairMtl.Spec;

/// <summary>
/// The text form of a <see cref="RowFilter"/>: <c>&lt;column&gt; &lt;op&gt; &lt;value&gt;</c>, separated by spaces, with op
/// one of <c>== != &lt; &lt;= &gt; &gt;=</c>. The value is the rest of the text (it may hold spaces); a value in double
/// quotes loses them (<c>name == ""</c> compares with the empty text). The ordering operators need a number.
/// Shared as source with the source generator (netstandard2.0).
/// </summary>
public static class RowFilterSyntax
{
    /// <summary>What a condition must look like, for error messages.</summary>
    public const string Expected = "a condition '<column> <op> <value>' with op one of == != < <= > >=";

    private static readonly (string Symbol, FilterOperator Operator)[] Operators =
    [
        ("==", FilterOperator.Equal), ("!=", FilterOperator.NotEqual), ("<=", FilterOperator.LessOrEqual),
        (">=", FilterOperator.GreaterOrEqual), ("<", FilterOperator.Less), (">", FilterOperator.Greater),
    ];

    /// <summary>The operator's symbol (<c>&lt;=</c>).</summary>
    public static string Symbol(FilterOperator op)
    {
        foreach (var (symbol, value) in Operators)
        {
            if (value == op)
            {
                return symbol;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(op));
    }

    /// <summary>True for <c>&lt; &lt;= &gt; &gt;=</c>, which compare numbers only.</summary>
    public static bool IsOrdering(FilterOperator op) => op is not (FilterOperator.Equal or FilterOperator.NotEqual);

    /// <summary>The condition as it would be written.</summary>
    public static string Format(RowFilter filter) => filter.Column + " " + Symbol(filter.Operator) + " " + filter.Value;

    /// <summary>A number as filters read numbers: invariant culture, optional sign, decimals and exponent.</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a condition; on failure <paramref name="problem"/> says what is wrong (after <see cref="Expected"/>).</summary>
    public static bool TryParse(string text, out RowFilter? filter, out string problem)
    {
        filter = null;
        problem = string.Empty;
        var tokens = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        var opIndex = -1;
        for (var i = 1; i < tokens.Length && opIndex < 0; i++)
        {
            if (Find(tokens[i]) is not null)
            {
                opIndex = i;
            }
        }

        if (opIndex < 0 || opIndex == tokens.Length - 1)
        {
            problem = opIndex < 0 ? "no operator between a column and a value" : "no value after the operator";
            return false;
        }

        var symbol = tokens[opIndex];
        var op = Find(symbol)!.Value;
        var column = string.Join(" ", tokens, 0, opIndex);
        var start = IndexOfToken(text, opIndex) + symbol.Length;
        var value = text.Substring(start).Trim();
        if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
        {
            value = value.Substring(1, value.Length - 2);
        }

        if (IsOrdering(op) && !TryNumber(value.Trim(), out _))
        {
            problem = $"'{symbol}' compares numbers, and '{value}' is not a number";
            return false;
        }

        filter = new RowFilter(column, op, value);
        return true;
    }

    private static FilterOperator? Find(string token)
    {
        foreach (var (symbol, op) in Operators)
        {
            if (symbol == token)
            {
                return op;
            }
        }

        return null;
    }

    /// <summary>Where the token with the given index (tokens split at runs of blanks) starts in the text.</summary>
    private static int IndexOfToken(string text, int index)
    {
        var i = 0;
        for (var token = 0; ; token++)
        {
            while (text[i] is ' ' or '\t')
            {
                i++;
            }

            if (token == index)
            {
                return i;
            }

            while (text[i] is not (' ' or '\t'))
            {
                i++;
            }
        }
    }
}
