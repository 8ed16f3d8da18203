namespace FairMtl.Objectives.Routing;

/// <summary>A mean loss turned into a sum over its rows (<see cref="Spec.LossReduction.Sum"/>).</summary>
internal static class LossSums
{
    /// <summary><paramref name="value"/> times <paramref name="rows"/>, and the first <paramref name="length"/> entries of
    /// <paramref name="gradient"/> (unless it is empty: the value only) scaled in place by the same factor.</summary>
    public static double Scale(double value, int rows, Span<float> gradient, int length)
    {
        var factor = (float)rows;
        for (var i = 0; i < (gradient.IsEmpty ? 0 : length); i++)
        {
            gradient[i] *= factor;
        }

        return value * rows;
    }
}
