using System.Text.Json;
using FairMtl.Store;

namespace FairMtl.Torch.Tests;

/// <summary>Every number of a result record, in order (through its canonical JSON), to compare two runs' results
/// number by number.</summary>
internal static class ResultNumbers
{
    public static double[] Of<T>(T result)
    {
        var numbers = new List<double>();
        using var document = JsonDocument.Parse(CanonicalJson.Write(result));
        Collect(document.RootElement, numbers);
        return numbers.ToArray();
    }

    /// <summary>The largest |a - b| / max(|a|, <paramref name="floor"/>) over the numbers of two results of the same
    /// shape.</summary>
    public static double Gap(double[] a, double[] b, double floor)
    {
        a.Length.ShouldBe(b.Length);
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i]))
            {
                continue;
            }

            worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / Math.Max(Math.Abs(a[i]), floor));
        }

        return worst;
    }

    private static void Collect(JsonElement element, List<double> numbers)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                numbers.Add(element.GetDouble());
                break;
            case JsonValueKind.String when element.GetString() is "NaN" or "Infinity" or "-Infinity":
                numbers.Add(double.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, numbers);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, numbers);
                }

                break;
        }
    }
}
