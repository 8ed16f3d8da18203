using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Sweeps;

public class SweepPlanTests
{
    [Fact]
    public void Independent_regime_has_one_unit_per_point_and_seed_after_the_baselines()
    {
        var spec = TestExperiments.ParkinsonLikeSpec() with
        {
            Sweep = new SweepSpec(new[] { new SweepVariable("alpha", new[] { 0.0, 1.0, 2.0 }) }, new[] { 7, 8 }),
        };
        var plan = SweepPlan.Create(spec);
        plan.Points.Select(p => p.Values[0]).ShouldBe([0.0, 1.0, 2.0]);
        plan.Units.Count.ShouldBe(2 + 6);
        plan.Units.Take(2).ShouldAllBe(unit => unit.IsBaseline);
        plan.Units.Skip(2).Select(unit => (unit.Seed, unit.Block, unit.Points.Count))
            .ShouldBe([(7, 0, 1), (7, 1, 1), (7, 2, 1), (8, 0, 1), (8, 1, 1), (8, 2, 1)]);
        plan.RunCount.ShouldBe(8);
    }

    [Fact]
    public void Warm_start_blocks_group_consecutive_points_and_keep_a_short_last_block()
    {
        var spec = TestExperiments.ParkinsonLikeSpec();
        spec = spec with
        {
            Sweep = new SweepSpec(new[] { new SweepVariable("alpha", Enumerable.Range(0, 7).Select(i => i * 0.5).ToArray()) }, new[] { 1 }),
            Training = spec.Training with { Regime = new RegimeSpec(RegimeKind.WarmStartBlocks, 3, false) },
            Baseline = spec.Baseline with { Enabled = false },
        };
        var plan = SweepPlan.Create(spec);
        plan.Units.Select(unit => unit.Points.Select(p => p.Index).ToArray())
            .ShouldBe([[0, 1, 2], [3, 4, 5], [6]]);
        plan.RunCount.ShouldBe(7);
    }

    [Fact]
    public void Several_variables_form_a_cartesian_product_with_the_first_varying_slowest()
    {
        var spec = TestExperiments.ParkinsonLikeSpec() with
        {
            Sweep = new SweepSpec(
                new[] { new SweepVariable("a", new[] { 1.0, 2.0 }), new SweepVariable("b", new[] { 10.0, 20.0, 30.0 }) },
                new[] { 1 }),
        };
        SweepPlan.Create(spec).Points.Select(p => (p.Values[0], p.Values[1]))
            .ShouldBe([(1.0, 10.0), (1.0, 20.0), (1.0, 30.0), (2.0, 10.0), (2.0, 20.0), (2.0, 30.0)]);
    }
}
