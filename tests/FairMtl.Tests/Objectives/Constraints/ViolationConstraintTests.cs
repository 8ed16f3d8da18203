using FairMtl.Objectives.Constraints;
using FairMtl.Spec;

namespace FairMtl.Tests.Objectives.Constraints;

public class ViolationConstraintTests
{
    private static readonly double[] Harms = [0.3, 0.5, 0.2];
    private static readonly bool[] All = [true, true, true];

    private static double[] Dirty(int length) => Enumerable.Repeat(double.NaN, length).ToArray();

    [Fact]
    public void One_sided_against_the_best_group_pushes_only_the_worst_group()
    {
        var coefficients = Dirty(3);

        OneSidedViolation.Compute(Harms, All, 0.35, HarmReference.BestGroup, 0.1, coefficients).ShouldBe(0.5 - 0.2 - 0.1, 1e-15);

        coefficients.ShouldBe([0.0, 1.0, 0.0]);
    }

    [Fact]
    public void One_sided_against_the_population_uses_the_population_harm()
    {
        var coefficients = Dirty(3);

        OneSidedViolation.Compute(Harms, All, 0.35, HarmReference.Population, 0.1, coefficients).ShouldBe(0.5 - 0.35 - 0.1, 1e-15);

        coefficients.ShouldBe([0.0, 1.0, 0.0]);
    }

    [Theory]
    [InlineData(HarmReference.BestGroup, 0.31)]
    [InlineData(HarmReference.Population, 0.16)]
    public void Harm_within_the_tolerance_is_no_violation(HarmReference reference, double tolerance)
    {
        var coefficients = Dirty(3);

        OneSidedViolation.Compute(Harms, All, 0.35, reference, tolerance, coefficients).ShouldBe(0.0);

        coefficients.ShouldAllBe(c => c == 0.0);
    }

    [Fact]
    public void Absent_groups_take_no_part_and_one_present_group_is_no_violation()
    {
        var coefficients = Dirty(3);
        OneSidedViolation.Compute([0.3, 9.0, 0.2], [true, false, true], 0.0, HarmReference.BestGroup, 0.0, coefficients).ShouldBe(0.1, 1e-15);
        coefficients.ShouldBe([1.0, 0.0, 0.0]);

        OneSidedViolation.Compute([0.3, 9.0, 0.2], [false, true, false], 0.0, HarmReference.Population, 0.0, coefficients).ShouldBe(0.0);
        coefficients.ShouldAllBe(c => c == 0.0);
        SymmetricGap.Compute([0.3, 9.0, 0.2], [false, true, false], coefficients).ShouldBe(0.0);
        coefficients.ShouldAllBe(c => c == 0.0);
    }

    [Fact]
    public void Ties_go_to_the_first_group()
    {
        var coefficients = Dirty(3);

        OneSidedViolation.Compute([0.5, 0.1, 0.5], All, 0.0, HarmReference.BestGroup, 0.0, coefficients).ShouldBe(0.4, 1e-15);

        coefficients.ShouldBe([1.0, 0.0, 0.0]);
    }

    [Fact]
    public void The_symmetric_gap_pushes_both_extreme_groups()
    {
        var coefficients = Dirty(3);

        SymmetricGap.Compute(Harms, All, coefficients).ShouldBe(0.3, 1e-15);

        coefficients.ShouldBe([0.0, 1.0, -1.0]);
        SymmetricGap.Compute([0.4, 0.4], [true, true], coefficients).ShouldBe(0.0);
        coefficients[..2].ShouldAllBe(c => c == 0.0);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => OneSidedViolation.Compute(Harms, All, 0, HarmReference.BestGroup, -0.1, new double[3]));
        Should.Throw<ArgumentOutOfRangeException>(() => OneSidedViolation.Compute(Harms, All, 0, HarmReference.BestGroup, double.NaN, new double[3]));
        Should.Throw<ArgumentOutOfRangeException>(() => OneSidedViolation.Compute(Harms, All, 0, (HarmReference)9, 0, new double[3]));
        Should.Throw<ArgumentOutOfRangeException>(() => OneSidedViolation.Compute(Harms, All, 0, HarmReference.BestGroup, 0, new double[2]));
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricGap.Compute(Harms, [true, true], new double[3]));
    }
}
