using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class ReferenceTests
{
    private const string IdentifierRule = "an identifier (letters, digits and '_', not starting with a digit)";

    public static TheoryData<string, int, int, string> Cases => new()
    {
        { TwoHeads + "\nbaseline: { heads: [y, yy] }", 16, 24, "'baseline.heads[1]' refers to unknown head 'yy'; did you mean 'y'? Heads: y, z" },
        { TwoHeads.WithLine("head:", "  head: q_head"), 15, 9, "'evaluation.head' refers to unknown head 'q_head'. Heads: y, z" },
        { TwoHeads.WithLine("head:", "  head: z"), 15, 9, "'evaluation.head' must be a regression head; 'z' is binary" },
        { TwoHeads.WithLine("epochs:", "  epochs: 3\n  early_stopping: { monitor: zz }"), 14, 30, "'training.early_stopping.monitor' refers to unknown head 'zz'; did you mean 'z'? Heads: y, z" },
        {
            TwoHeads.WithLine("split:", "  split: { validation: 0 }").WithLine("epochs:", "  epochs: 3\n  early_stopping: { patience: 5 }"), 14, 19,
            "'training.early_stopping' watches a validation loss, but there is no validation split; set 'data.split.validation' > 0"
        },
        { TwoHeads.WithLine("file:", "  file: d.csv\n  features: { include: [a], exclude: [b] }"), 4, 38, "'data.features' takes 'include' or 'exclude', not both" },
        { TwoHeads.WithLine("file:", "  file: d.csv\n  columns: [a, b]"), 4, 12, "'data.columns' is only allowed with 'header: false'; the file's header names the columns" },
        { TwoHeads.WithLine("file:", "  file: d.csv\n  header: false"), 3, 3, "'data.columns' is required with 'header: false'" },
        { TwoHeads.WithLine("groups:", "  groups: { column: g, rule: median, threshold: 3 }"), 5, 49, "'data.groups.threshold' is only allowed with 'rule: threshold'" },
        { TwoHeads.WithLine("z:", "  my-head: { column: g }"), 8, 3, $"head name 'my-head' must be {IdentifierRule}; the loss expression refers to heads by name" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1]\n  y: [1, 2]"), 12, 3, "sweep variable 'y' has the name of a head; the loss expression could not tell them apart" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1]\n  2x: [1]"), 12, 3, $"sweep variable name '2x' must be {IdentifierRule}" },
        { TwoHeads.WithLine("z:", "  z: { column: g, task: binary, standardize: true }"), 8, 46, "'heads.z.standardize' applies to regression heads only; 'z' is binary" },
        { Minimal.WithLine("epochs:", "  epochs: 3\n  regime: { block_size: 5 }"), 10, 25, "'training.regime.block_size' only applies to 'kind: warm-start-blocks'" },
        { Minimal.WithLine("y:", "  y: { column: target, task: binary }"), 6, 3, "no regression head to evaluate: declare one with 'task: regression'" },
        {
            TwoHeads.WithLine("epochs:", "  epochs: 3\n  early_stopping: { monitor: z }"), 14, 30,
            "early stopping monitors head 'z', which the baseline does not have (baseline heads: y); monitor one of them or add 'z' to baseline.heads"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_reference_that_does_not_resolve_is_FMTL008_at_the_reference(string yaml, int line, int column, string detail) =>
        Error(yaml).ShouldBeAt(DiagnosticCodes.UnknownReference, line, column, detail);

    [Fact]
    public void Columns_are_accepted_with_header_false_and_threshold_with_its_rule()
    {
        var data = Parse(TwoHeads
            .WithLine("file:", "  file: d.csv\n  header: false\n  columns: [target, g, x]")
            .WithLine("groups:", "  groups: { column: x, rule: threshold, threshold: -1.5 }")).Spec.Data;

        data.Columns.ShouldBe(["target", "g", "x"]);
        data.Groups.Rule.ShouldBe(FairMtl.Spec.GroupRule.Threshold);
        data.Groups.Threshold.ShouldBe(-1.5);
    }
}
