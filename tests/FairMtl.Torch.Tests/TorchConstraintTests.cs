using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Objectives;
using FairMtl.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FairMtl.Torch.Tests;

/// <summary>
/// The torch form of the FairMT constraint (<see cref="TorchFairnessConstraint"/>: group harms, violations, aggregation)
/// against the native <see cref="FairnessConstraint"/> on synthetic batches: the value, and torch's autograd gradient
/// with respect to every head's outputs against the native hand-written dF/d outputs. Six constrained heads (MSE and MAE
/// regression, binary opportunity, binary parity with the negative outcome favourable at a threshold, multi-label
/// opportunity, multi-class opportunity), with missing labels and rows of unknown group, over two and three groups, both
/// references, both violation kinds, both aggregations, with and without running statistics, and degenerate batches:
/// a group absent, two heads without a label, a single group.
/// </summary>
public class TorchConstraintTests(ITestOutputHelper output)
{
    private const int Rows = 48;

    /// <summary>Bound on the gradients' difference relative to each head's largest native derivative: the native
    /// derivatives are computed in double and rounded to float32 once (a relative error of at most 6e-8).</summary>
    private const double GradientBound = 1e-6;

    /// <summary>Bound on the values' relative difference: both are double sums over the same float32 outputs, in
    /// another order.</summary>
    private const double ValueBound = 1e-12;

    public enum Degenerate
    {
        None,
        GroupAbsent,
        HeadsUnlabelled,
        SingleGroup,
    }

    private static readonly HeadSpec[] s_heads =
    [
        new("mse", "mse", HeadTask.Regression, false, default),
        new("mae", "mae", HeadTask.Regression, false, default),
        new("opportunity", "opportunity", HeadTask.Binary, false, default),
        new("parity", "parity", HeadTask.Binary, false, default),
        new("labels", "labels", HeadTask.MultiLabel, false, default, Classes: 3),
        new("classes", "classes", HeadTask.MultiClass, false, default, Classes: 4),
    ];

    public static TheoryData<int, HarmReference, ViolationKind, AggregationKind, bool, Degenerate> Cases()
    {
        var data = new TheoryData<int, HarmReference, ViolationKind, AggregationKind, bool, Degenerate>();
        foreach (var groups in new[] { 2, 3 })
        {
            foreach (var reference in new[] { HarmReference.BestGroup, HarmReference.Population })
            {
                foreach (var violation in new[] { ViolationKind.OneSided, ViolationKind.Symmetric })
                {
                    foreach (var aggregation in new[] { AggregationKind.Max, AggregationKind.Smooth })
                    {
                        foreach (var smoothing in new[] { false, true })
                        {
                            foreach (var degenerate in Enum.GetValues<Degenerate>())
                            {
                                data.Add(groups, reference, violation, aggregation, smoothing, degenerate);
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_torch_constraint_has_the_native_value_and_derivatives(
        int groups, HarmReference reference, ViolationKind violation, AggregationKind aggregation, bool smoothing, Degenerate degenerate)
    {
        var tasks = new[]
        {
            new ConstrainedTask(0, HeadTask.Regression, 0, HarmKind.Mse, 0d, 1.5, violation),
            new ConstrainedTask(1, HeadTask.Regression, 0, HarmKind.Mae, 0.01, 0.8, violation),
            new ConstrainedTask(2, HeadTask.Binary, 0, HarmKind.Opportunity, 0d, 1d, violation),
            new ConstrainedTask(3, HeadTask.Binary, 0, HarmKind.Parity, 0.005, 0.5, violation, FavourableNegative: true, Offset: -0.4),
            new ConstrainedTask(4, HeadTask.MultiLabel, 3, HarmKind.Opportunity, 0d, 1d, violation, Offset: 0.3),
            new ConstrainedTask(5, HeadTask.MultiClass, 4, HarmKind.Opportunity, 0d, 2d, violation),
        };
        var rule = aggregation == AggregationKind.Max ? ConstraintAggregation.Max : ConstraintAggregation.Smooth(0.05);
        var native = new FairnessConstraint(tasks, reference, rule, groups, Rows, smoothing ? 0.9 : 0d);
        var random = new Random(HashCode.Combine(groups, reference, violation, aggregation, smoothing, degenerate) & 0x7fffffff);
        if (smoothing)
        {
            // Running statistics from two earlier batches (ordinary ones: a group absent now may be present through them).
            for (var b = 0; b < 2; b++)
            {
                var (earlierOutputs, earlierTargets, earlierGroups) = Batch(random, groups, Degenerate.None);
                native.Compute(earlierOutputs, earlierTargets, earlierGroups, Rows, null);
                native.Advance();
            }
        }

        var (outputs, targets, rowGroups) = Batch(random, groups, degenerate);
        try
        {
            using var scope = NewDisposeScope();
            var tensors = outputs.Select((values, h) => tensor(values.Select(v => (double)v).ToArray(), [Rows, s_heads[h].Outputs]).requires_grad_(true)).ToArray();
            var batch = new TorchBatch(new TrainingBatch(targets, new Dictionary<string, int[]> { ["a"] = rowGroups }) { Rows = Rows }, s_heads);
            var torchValue = TorchFairnessConstraint.Compute(native, tensors, batch, rowGroups);
            var torchGradients = torchValue.requires_grad
                ? autograd.grad([torchValue], tensors, allow_unused: true).Select(g => g.IsInvalid ? null : g).ToArray()
                : new Tensor?[tensors.Length];

            var gradients = s_heads.Select(head => new float[Rows * head.Outputs]).ToArray();
            var value = native.Compute(outputs, targets, rowGroups, Rows, gradients);

            var valueGap = Math.Abs(torchValue.item<double>() - value) / Math.Max(1d, Math.Abs(value));
            var worst = 0d;
            var reached = 0;
            for (var h = 0; h < gradients.Length; h++)
            {
                var expected = gradients[h];
                var actual = torchGradients[h] is { } g ? g.contiguous().data<double>().ToArray() : new double[expected.Length];
                var scale = expected.Max(v => Math.Abs((double)v));
                reached += scale > 0 ? 1 : 0;
                for (var i = 0; i < expected.Length; i++)
                {
                    var gap = Math.Abs(actual[i] - expected[i]);
                    var relative = scale > 0 ? gap / scale : gap;
                    worst = Math.Max(worst, relative);
                    relative.ShouldBeLessThan(GradientBound, $"head {s_heads[h].Name} output {i}: torch {actual[i]}, native {expected[i]}");
                }
            }

            output.WriteLine($"F {value:G6} (torch {torchValue.item<double>():G6}, relative gap {valueGap:E1}); heads the constraint reaches {reached}; gradient gap {worst:E2}");
            valueGap.ShouldBeLessThan(ValueBound);
        }
        finally
        {
            TorchScalars.Release();
        }
    }

    /// <summary>Random outputs, targets (a fifth of the labels missing) and groups (a tenth unknown) of
    /// <see cref="Rows"/> rows.</summary>
    private static (float[][] Outputs, float[][] Targets, int[] Groups) Batch(Random random, int groups, Degenerate degenerate)
    {
        var outputs = s_heads.Select(head => Enumerable.Range(0, Rows * head.Outputs).Select(_ => (float)Normal(random)).ToArray()).ToArray();
        var targets = new float[s_heads.Length][];
        for (var h = 0; h < s_heads.Length; h++)
        {
            var head = s_heads[h];
            targets[h] = new float[Rows * head.TargetWidth];
            for (var i = 0; i < targets[h].Length; i++)
            {
                var missing = random.NextDouble() < 0.2 || (degenerate == Degenerate.HeadsUnlabelled && h is 2 or 5);
                targets[h][i] = missing ? float.NaN : head.Task switch
                {
                    HeadTask.Regression => (float)Normal(random),
                    HeadTask.MultiClass => random.Next(head.Classes),
                    _ => random.Next(2),
                };
            }
        }

        var rowGroups = new int[Rows];
        for (var r = 0; r < Rows; r++)
        {
            rowGroups[r] = random.NextDouble() < 0.1 ? -1 : degenerate switch
            {
                Degenerate.SingleGroup => 0,
                Degenerate.GroupAbsent => random.Next(groups - 1) + 1,
                _ => random.Next(groups),
            };
        }

        return (outputs, targets, rowGroups);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2d * Math.Log(1d - random.NextDouble())) * Math.Cos(2d * Math.PI * random.NextDouble());
}
