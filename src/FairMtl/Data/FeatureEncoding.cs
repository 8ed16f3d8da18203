using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>
/// Turns the input columns into model inputs: a numeric column stays one input; a categorical column becomes one 0/1
/// indicator per category, named <c>column=value</c>, the categories being its distinct values over the kept rows in
/// ordinal order (every level kept, none dropped as a reference).
/// </summary>
internal static class FeatureEncoding
{
    /// <summary>
    /// Encodes <paramref name="features"/> (read as text when in <paramref name="categorical"/>, else as numbers). More
    /// than <see cref="InputLimits.EncodedInputs"/> inputs, or more than <see cref="InputLimits.EncodedCells"/> values,
    /// is FMTL018 at the column that crosses the bound (<c>data.categorical</c> for a category-rich text column), before
    /// its inputs are allocated.
    /// </summary>
    public static EncodedFeatures Encode(
        DataTable table, IReadOnlyList<string> features, IReadOnlySet<string> categorical, DataSpec data, SpecSourceMap source)
    {
        var names = new List<string>();
        var sources = new List<string>();
        var indicators = new List<bool>();
        var columns = new List<double[]>();
        foreach (var feature in features)
        {
            if (!categorical.Contains(feature))
            {
                CheckSize(columns.Count + 1, table.RowCount, $"column '{feature}'", source.Locate("data.features"));
                names.Add(feature);
                sources.Add(feature);
                indicators.Add(false);
                columns.Add(table.Column(feature));
                continue;
            }

            var values = table.Text(feature);
            var categories = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var declared = data.Categorical.ToList().IndexOf(feature);
            CheckSize(
                columns.Count + categories.Length,
                table.RowCount,
                $"categorical column '{feature}' ({categories.Length} categories)",
                source.Locate(declared >= 0 ? $"data.categorical[{declared}]" : "data.categorical"));
            var slot = new Dictionary<string, int>(StringComparer.Ordinal);
            var start = columns.Count;
            foreach (var category in categories)
            {
                slot[category] = columns.Count - start;
                names.Add(feature + "=" + category);
                sources.Add(feature);
                indicators.Add(true);
                columns.Add(new double[values.Length]);
            }

            for (var row = 0; row < values.Length; row++)
            {
                columns[start + slot[values[row]]][row] = 1.0;
            }
        }

        return new EncodedFeatures(names.ToArray(), sources.ToArray(), indicators.ToArray(), columns.ToArray());
    }

    private static void CheckSize(int inputs, int rows, string what, SourceLocation location)
    {
        if (inputs > InputLimits.EncodedInputs || (long)inputs * rows > InputLimits.EncodedCells)
        {
            throw new FairMtlException(
                DiagnosticCodes.InputLimit,
                location,
                $"{what} takes the model inputs to {inputs} over {rows} rows (expected at most {InputLimits.EncodedInputs} inputs and "
                + $"{InputLimits.EncodedCells} input values; an identifier or free-text column does not belong under data.categorical)");
        }
    }
}

/// <summary>Encoded inputs, column by column.</summary>
/// <param name="Names">Input names (<c>column</c>, or <c>column=category</c> for an indicator).</param>
/// <param name="SourceColumns">The data column each input comes from.</param>
/// <param name="IsIndicator">True for one-hot indicators (which are never standardised).</param>
/// <param name="Columns">The values of each input, one per kept row.</param>
internal sealed record EncodedFeatures(string[] Names, string[] SourceColumns, bool[] IsIndicator, double[][] Columns);
