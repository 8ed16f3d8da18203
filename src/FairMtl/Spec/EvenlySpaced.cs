namespace FairMtl.Spec;

/// <summary>Evenly spaced values of a closed range, as sweeps declare them (<c>{from, to, count}</c>, grids).</summary>
public static class EvenlySpaced
{
    /// <summary>
    /// <paramref name="count"/> values from <paramref name="from"/> to <paramref name="to"/> inclusive (just
    /// <paramref name="from"/> for a count of 1). Each is a weighted mean of the ends rounded to 10 decimals, so
    /// <c>(0, 4.9, 50)</c> gives exactly the doubles <c>0.1 * k</c> parse to.
    /// </summary>
    public static double[] Values(double from, double to, int count)
    {
        if (count == 1)
        {
            return [from];
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Round(((from * (count - 1 - i)) + (to * i)) / (count - 1), 10);
        }

        return values;
    }
}
