using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class MissingKeyTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        { Minimal.WithLine("epochs:", "  batch_size: 8"), 9, 3, "missing required key 'epochs' in 'training'" },
        { Minimal.WithLine("name:", "description: x"), 1, 1, "missing required top-level key 'name'" },
        { Minimal.WithLine("loss:", "description: x"), 1, 1, "missing required top-level key 'loss'" },
        { Minimal.WithLine("y:", "  y: { task: regression }"), 6, 6, "missing required key 'column' in 'heads.y'" },
        { Minimal.WithLine("groups:", "  format: csv"), 3, 3, "missing required key 'groups' in 'data'" },
        { Minimal + "\nsweep:\n  alpha: { from: 0, to: 4 }", 11, 10, "missing required key 'count' in 'sweep.alpha'" },
        { Minimal.WithLine("groups:", "  groups:\n    column: g\n    rule: threshold"), 5, 5, "missing required key 'threshold' in 'data.groups' (needed by 'rule: threshold')" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_missing_required_key_is_FMTL007_at_the_mapping_that_lacks_it(string yaml, int line, int column, string detail) =>
        Error(yaml).ShouldBeAt(DiagnosticCodes.MissingKey, line, column, detail);
}
