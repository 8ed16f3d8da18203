namespace FairMtl.Data;

/// <summary>Mean and population standard deviation of a column, as scikit-learn's <c>StandardScaler</c>.</summary>
internal static class StandardScaling
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Mean and sd (ddof 0) of <paramref name="column"/> over <paramref name="rows"/>. A constant column (variance within
    /// rounding error, scikit-learn's <c>_is_constant_feature</c>) gets scale 1.
    /// </summary>
    public static HeadScaling Fit(double[] column, int[] rows)
    {
        var n = rows.Length;
        var sum = 0.0;
        foreach (var row in rows)
        {
            sum += column[row];
        }

        var mean = sum / n;
        var squares = 0.0;
        foreach (var row in rows)
        {
            var d = column[row] - mean;
            squares += d * d;
        }

        var variance = squares / n;
        var bound = (n * MachineEpsilon * variance) + Math.Pow(n * mean * MachineEpsilon, 2);
        return new HeadScaling(mean, variance <= bound ? 1.0 : Math.Sqrt(variance));
    }
}
