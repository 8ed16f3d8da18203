using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class ImpossibleRangeTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        { TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 0 }"), 11, 35, "'sweep.alpha.count' must be an integer in [1, 10000], got '0'" },
        { TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 1 }"), 11, 35, "'sweep.alpha' has count 1 but 'from' (0) differs from 'to' (4); one value cannot span a range" },
        { TwoHeads.WithLine("alpha:", "  alpha: { from: 4, to: 0, count: 5 }"), 11, 25, "'sweep.alpha' goes down: 'to' (0) is less than 'from' (4)" },
        { TwoHeads.WithLine("alpha:", "  alpha: { from: .nan, to: 4, count: 5 }"), 11, 18, "'sweep.alpha.from' must be a finite number, got '.nan'" },
        { TwoHeads.WithLine("alpha:", "  alpha: [0, .inf]"), 11, 14, "'sweep.alpha[1]' must be a finite number, got '.inf'" },
        { TwoHeads.WithLine("alpha:", "  alpha: []"), 11, 10, "'sweep.alpha' must list at least one value" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  seeds: [3, 5, 3]"), 12, 17, "duplicate seed 3 in 'sweep.seeds'" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  seeds: 0"), 12, 10, "'sweep.seeds' must be a list of integers >= 0, or a count in [1, 10000], got '0'" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  seeds: []"), 12, 10, "'sweep.seeds' must list at least one seed" },
        { TwoHeads.WithLine("split:", "  split: { test: 1.0, validation: 0.2, statistics: training }"), 4, 18, "'data.split.test' must be a number in (0, 1), got '1.0'" },
        { TwoHeads.WithLine("split:", "  split: { test: 0, validation: 0.2, statistics: training }"), 4, 18, "'data.split.test' must be a number in (0, 1), got '0'" },
        { TwoHeads.WithLine("split:", "  split: { validation: 1 }"), 4, 24, "'data.split.validation' must be a number in [0, 1), got '1'" },
        { TwoHeads.WithLine("split:", "  split: { validation: -0.1 }"), 4, 24, "'data.split.validation' must be a number in [0, 1), got '-0.1'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_impossible_sweep_or_split_is_FMTL006_at_the_offending_value(string yaml, int line, int column, string detail) =>
        Error(yaml).ShouldBeAt(DiagnosticCodes.ImpossibleRange, line, column, detail);

    [Fact]
    public void A_wrongly_typed_count_is_FMTL003_not_FMTL006() =>
        Error(TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: many }")).Code.ShouldBe(DiagnosticCodes.InvalidValue);

    [Fact]
    public void A_warm_start_block_larger_than_the_sweep_is_one_block() =>
        Parse(TwoHeads.WithLine("epochs:", "  epochs: 3\n  regime: { kind: warm-start-blocks, block_size: 50 }"))
            .Spec.Training.Regime.BlockSize.ShouldBe(50);
}
