using System.Globalization;

namespace FairMtl.Reports.Figures;

/// <summary>The drawn range of an axis and its labelled tick values.</summary>
/// <param name="Low">The value at the start of the axis.</param>
/// <param name="High">The value at its end.</param>
/// <param name="Ticks">The tick values, ascending, all within [Low, High].</param>
/// <param name="Labels">The tick labels, invariant culture.</param>
/// <param name="Scale">Linear or logarithmic.</param>
public sealed record AxisTicks(double Low, double High, IReadOnlyList<double> Ticks, IReadOnlyList<string> Labels, AxisScale Scale)
{
    /// <summary>The position of <paramref name="value"/> between 0 (Low) and 1 (High).</summary>
    public double Fraction(double value) => Scale == AxisScale.Log
        ? (Math.Log10(value) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low))
        : (value - Low) / (High - Low);

    /// <summary>
    /// Round ticks (1, 2, 2.5 or 5 times a power of ten, about <paramref name="target"/> of them) covering
    /// [<paramref name="min"/>, <paramref name="max"/>]; on a log scale 1-2-5 steps within few decades, powers of ten
    /// beyond.
    /// </summary>
    public static AxisTicks Create(double min, double max, AxisScale scale, int target = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (scale == AxisScale.Log && min > 0)
        {
            return CreateLog(min, max);
        }

        if (max - min <= Math.Abs(max) * 1e-12)
        {
            var pad = max == 0 ? 1 : Math.Abs(max) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var step = NiceStep((max - min) / target, out var decimals);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        var count = (int)Math.Round((high - low) / step);
        var ticks = new double[count + 1];
        var labels = new string[count + 1];
        for (var i = 0; i <= count; i++)
        {
            ticks[i] = Math.Round(low + (i * step), decimals);
            labels[i] = ticks[i].ToString("F" + decimals, CultureInfo.InvariantCulture);
            if (labels[i].StartsWith('-') && ticks[i] == 0)
            {
                labels[i] = labels[i][1..];
            }
        }

        return new AxisTicks(ticks[0], ticks[^1], ticks, labels, AxisScale.Linear);
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, the smallest not below <paramref name="rough"/>; and the decimals
    /// its multiples need.</summary>
    public static double NiceStep(double rough, out int decimals)
    {
        var exponent = (int)Math.Floor(Math.Log10(rough));
        var magnitude = Math.Pow(10, exponent);
        var residual = rough / magnitude;
        var (nice, extra) = residual <= 1 ? (1.0, 0) : residual <= 2 ? (2.0, 0) : residual <= 2.5 ? (2.5, 1) : residual <= 5 ? (5.0, 0) : (10.0, 0);
        if (nice == 10.0)
        {
            (nice, exponent, magnitude) = (1.0, exponent + 1, magnitude * 10);
        }

        decimals = Math.Max(0, -exponent + extra);
        return nice * magnitude;
    }

    private static AxisTicks CreateLog(double min, double max)
    {
        var lowExponent = (int)Math.Floor(Math.Log10(min) + 1e-12);
        var highExponent = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        if (highExponent == lowExponent)
        {
            highExponent++;
        }

        double[] mantissas = highExponent - lowExponent <= 2 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (var exponent = lowExponent; exponent <= highExponent; exponent++)
        {
            foreach (var mantissa in mantissas)
            {
                var value = double.Parse(
                    mantissa.ToString(CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture),
                    CultureInfo.InvariantCulture);
                if (exponent == highExponent && mantissa > 1)
                {
                    break;
                }

                ticks.Add(value);
            }
        }

        var first = ticks.FindLastIndex(value => value <= min * (1 + 1e-12));
        var last = ticks.FindIndex(value => value >= max * (1 - 1e-12));
        ticks = ticks.GetRange(Math.Max(first, 0), (last < 0 ? ticks.Count - 1 : last) - Math.Max(first, 0) + 1);
        var labels = ticks.Select(value => value.ToString("0.#########", CultureInfo.InvariantCulture)).ToArray();
        return new AxisTicks(ticks[0], ticks[^1], ticks, labels, AxisScale.Log);
    }
}
