using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// The group harms h(g) of one constrained head (<see cref="GroupHarm"/>'s definitions) as torch operations in double
/// precision, so torch's autograd differentiates them: each participating entry's contribution q (a soft favourable
/// rate sigmoid(o - offset) or sigmoid(offset - o), a softmax rate of the row's class, a squared or absolute error),
/// each cell's (group, slot) sum and count with the running statistics' decayed share added as a constant, each present
/// slot's mean (a rate's harm is one minus it), and each group's harm the mean over its present slots; the population's
/// harm the same over every participating row of a known group. Which entries take part, the counts and which slots
/// and groups are present are read from the batch on the host.
/// </summary>
public static class TorchGroupHarm
{
    /// <summary>Task <paramref name="task"/>'s harms on the batch rows.</summary>
    /// <param name="task">The constrained head.</param>
    /// <param name="groups">The number of groups of the sensitive attribute.</param>
    /// <param name="smoothing">The running statistics' decay a (0: the batch alone).</param>
    /// <param name="runningSums">The running sums the batch starts from, laid out as <see cref="GroupHarm.RunningSums"/>.</param>
    /// <param name="runningCounts">The running counts, laid out likewise.</param>
    /// <param name="outputs">The head's outputs, [rows x the head's outputs].</param>
    /// <param name="targets">The head's targets, row-major with its target width (NaN: a missing label).</param>
    /// <param name="rowGroups">Each row's group, 0 to <paramref name="groups"/> exclusive, or -1 (unknown).</param>
    public static TorchHarms Compute(
        ConstrainedTask task,
        int groups,
        double smoothing,
        ReadOnlySpan<double> runningSums,
        ReadOnlySpan<double> runningCounts,
        Tensor outputs,
        ReadOnlySpan<float> targets,
        ReadOnlySpan<int> rowGroups)
    {
        ArgumentNullException.ThrowIfNull(task);
        var rows = rowGroups.Length;
        var multiClass = task.Task == HeadTask.MultiClass;
        var width = task.Task is HeadTask.MultiClass or HeadTask.MultiLabel ? task.Classes : 1;
        var targetWidth = task.Task == HeadTask.MultiLabel ? task.Classes : 1;
        var slots = width;
        var cells = (groups + 1) * slots;
        var entries = multiClass ? rows : rows * width;
        var x = outputs.to_type(ScalarType.Float64).reshape(rows, width);

        // Which cells each entry adds to (its group's and the population's), and its slot.
        var membership = new double[cells * entries];
        var counts = new double[cells];
        var labels = new long[entries];
        var safeTargets = new double[entries];
        for (var row = 0; row < rows; row++)
        {
            var group = rowGroups[row];
            if ((uint)(group + 1) > (uint)groups)
            {
                throw new ArgumentOutOfRangeException(nameof(rowGroups), group, $"Row {row} has group {group}; the harm has {groups} groups (or -1 for unknown).");
            }

            for (var k = 0; k < (multiClass ? 1 : width); k++)
            {
                var entry = multiClass ? row : (row * width) + k;
                var target = targets[(row * targetWidth) + k];
                var slot = multiClass && !float.IsNaN(target) ? (int)target : k;
                labels[entry] = (row * width) + slot;
                safeTargets[entry] = float.IsNaN(target) ? 0d : target;
                if (group < 0 || float.IsNaN(target) || (task.Harm == HarmKind.Opportunity && !multiClass && (target >= 0.5f) == task.FavourableNegative))
                {
                    continue;
                }

                foreach (var cell in new[] { (group * slots) + slot, (groups * slots) + slot })
                {
                    membership[(cell * entries) + entry] = 1d;
                    counts[cell]++;
                }
            }
        }

        var values = Contributions(task, x, labels, safeTargets);

        // Each cell's sum and count: a times the running ones plus the batch's.
        var constants = new double[cells];
        var totals = new double[cells];
        for (var cell = 0; cell < cells; cell++)
        {
            constants[cell] = smoothing == 0d ? 0d : smoothing * runningSums[cell];
            totals[cell] = smoothing == 0d ? counts[cell] : (smoothing * runningCounts[cell]) + counts[cell];
        }

        var sums = TorchScalars.Sum(
            tensor(constants, ScalarType.Float64),
            tensor(membership, [cells, entries], ScalarType.Float64).matmul(values));

        // A group's harm: the mean over its present slots of each slot's mean (one minus it for a rate).
        var present = new bool[groups + 1];
        var divisors = new double[cells];
        var averaging = new double[(groups + 1) * cells];
        for (var group = 0; group <= groups; group++)
        {
            var presentSlots = 0;
            for (var slot = 0; slot < slots; slot++)
            {
                presentSlots += totals[(group * slots) + slot] > 0 ? 1 : 0;
            }

            present[group] = presentSlots > 0;
            for (var slot = 0; slot < slots; slot++)
            {
                var cell = (group * slots) + slot;
                divisors[cell] = totals[cell] > 0 ? totals[cell] : 1d;
                averaging[(group * cells) + cell] = totals[cell] > 0 ? 1d / presentSlots : 0d;
            }
        }

        var means = sums.div(tensor(divisors, ScalarType.Float64));
        var cellHarms = task.Task == HeadTask.Regression ? means : TorchScalars.Difference(TorchScalars.Of(1d), means);
        var harms = tensor(averaging, [groups + 1, cells], ScalarType.Float64).matmul(cellHarms);
        return new TorchHarms(harms, present, harms.detach().data<double>().ToArray());
    }

    /// <summary>Every entry's contribution q, [entries], float64: the squared or absolute error, the favourable soft
    /// rate at the threshold, or the softmax rate of the row's class (any value for entries that take no part).</summary>
    private static Tensor Contributions(ConstrainedTask task, Tensor x, long[] labels, double[] safeTargets)
    {
        switch (task.Task)
        {
            case HeadTask.Regression:
                var errors = TorchScalars.Difference(x.reshape(-1), tensor(safeTargets, ScalarType.Float64));
                return task.Harm == HarmKind.Mae ? errors.abs() : errors.square();
            case HeadTask.Binary or HeadTask.MultiLabel:
                var shifted = task.Offset == 0d ? x.reshape(-1) : TorchScalars.Difference(x.reshape(-1), TorchScalars.Of(task.Offset));
                return (task.FavourableNegative ? shifted.negative() : shifted).sigmoid();
            case HeadTask.MultiClass:
                return x.softmax(1).reshape(-1).index_select(0, tensor(labels, ScalarType.Int64));
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task.Task, null);
        }
    }
}

/// <summary>One head's group harms on a batch.</summary>
/// <param name="Values">h(g) for every group and the population's harm last, [groups + 1], float64 (0 where absent).</param>
/// <param name="Present">Whether each group (and the population, last) has a participating entry or running count.</param>
/// <param name="Numbers">The values on the host, to pick groups by.</param>
public sealed record TorchHarms(Tensor Values, bool[] Present, double[] Numbers)
{
    /// <summary>The number of groups (without the population).</summary>
    public int Groups => Present.Length - 1;
}
