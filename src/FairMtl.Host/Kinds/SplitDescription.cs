using System.Globalization;
using FairMtl.Spec;

namespace FairMtl.Host.Kinds;

/// <summary>How a comparison's header describes its split: the shares of all rows, or the files' own split.</summary>
internal static class SplitDescription
{
    public static string Of(ComparisonSpec spec)
    {
        var split = spec.Data.Split;
        if (spec.Protocol.Split == SplitKind.Files)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the files' own split (data.file: training and {split.Validation:0.##} validation; data.append: test)");
        }

        var validation = (1 - split.Test) * split.Validation;
        return string.Create(CultureInfo.InvariantCulture, $"a seeded {1 - split.Test - validation:0.##}/{validation:0.##}/{split.Test:0.##} split");
    }
}
