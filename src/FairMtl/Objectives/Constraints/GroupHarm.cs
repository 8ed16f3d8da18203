using System.Numerics;
using FairMtl.Numerics;
using FairMtl.Objectives.Fairness;
using FairMtl.Spec;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The harm h(g) each group of a sensitive attribute suffers on one head of a batch, a differentiable ("soft") rate or
/// error, with its exact derivative with respect to the head's outputs. This project's formulas, after the FairMT
/// abstract (Hu et al. 2025, "FairMT: Fairness for Heterogeneous Multi-Task Learning"); larger is worse:
/// <list type="bullet">
/// <item><description>Binary head, logit o, p = sigmoid(o), favourable outcome positive:
/// <see cref="HarmKind.Opportunity"/> h(g) = 1 - mean of p over g's rows labelled positive;
/// <see cref="HarmKind.Parity"/> h(g) = 1 - mean of p over g's labelled rows. With the favourable outcome negative the
/// favourable rate is 1 - p: Opportunity is the mean of p over g's rows labelled negative, Parity the mean of p over
/// g's labelled rows.</description></item>
/// <item><description>Multi-label head: the mean, over the labels with at least one participating entry in g, of each
/// label's binary harm on g (labels with none are skipped in that group's mean).</description></item>
/// <item><description>Multi-class head, softmax p_c: <see cref="HarmKind.Opportunity"/> h(g) = the mean, over the
/// classes c with at least one row of g labelled c, of (1 - mean of p_c over those rows). Parity is refused: the soft
/// rates of all classes sum to one, so there is no single favourable rate to equalise.</description></item>
/// <item><description>Regression head, output o, target t: <see cref="HarmKind.Mse"/> h(g) = mean of (o - t)² over g's
/// labelled rows; <see cref="HarmKind.Mae"/> h(g) = mean of |o - t| (derivative sign(o - t), 0 at o = t).</description></item>
/// </list>
/// Rows (multi-label: entries) with a NaN target or group -1 take no part and get exactly zero gradient. A target of at
/// least 0.5 is a positive label. A group is present when at least one of its rows takes part; an absent group's harm
/// is 0. The population harm applies the same formula to every participating row of a known group. Sums run in row
/// order in double precision; derivatives are written as float. All buffers come from <see cref="UnitBuffers"/> in the
/// constructor: <see cref="Compute"/> does not allocate. Not thread-safe.
/// </summary>
public sealed class GroupHarm
{
    private readonly bool _rate;
    private readonly int _slots;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private readonly double[] _totalSums;
    private readonly double[] _totalCounts;
    private readonly double[] _runningSums;
    private readonly double[] _runningCounts;
    private readonly double[] _factors;
    private readonly double[] _combined;
    private readonly double[] _harm;
    private readonly bool[] _present;
    private readonly double[] _local;
    private readonly int[] _slot;
    private readonly int[] _groups;
    private readonly double[] _ones;
    private readonly float[] _rowGradient;
    private readonly float[] _populationGradient;
    private int _rows;

    /// <param name="task">The head's task.</param>
    /// <param name="kind">The harm; Opportunity or Parity for binary and multi-label heads, Opportunity for multi-class
    /// heads, Mse or Mae for regression heads.</param>
    /// <param name="classes">Multi-class: the number of classes (at least 2); multi-label: the number of labels (at least
    /// 1); ignored for regression and binary heads.</param>
    /// <param name="groups">The number of groups; row groups run from 0 to this, exclusive, or are -1 (unknown).</param>
    /// <param name="maxRows">The largest batch; sizes the buffers.</param>
    /// <param name="favourableNegative">Binary and multi-label heads: the favourable outcome is the negative label.</param>
    /// <exception cref="ArgumentException">The harm does not apply to the task (for instance Parity on a multi-class head).</exception>
    /// <param name="smoothing">a in [0, 1): each cell's sum and count are a times the running ones (those of the batches
    /// before, see <see cref="Advance"/>) plus the batch's, so that a harm estimates the group's rate from about
    /// 1 / (1 - a) batches instead of one; the gradient flows through the batch's rows only. 0: the batch alone.</param>
    /// <param name="offset">Binary and multi-label heads: the soft rates are sigmoid(o - offset), so that they measure
    /// the rate at the decision threshold theta when offset = logit(theta) (0: theta = 0.5).</param>
    public GroupHarm(HeadTask task, HarmKind kind, int classes, int groups, int maxRows, bool favourableNegative = false, double smoothing = 0d, double offset = 0d)
    {
        if (offset != 0d && task is not (HeadTask.Binary or HeadTask.MultiLabel) || !double.IsFinite(offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "A finite threshold offset applies to binary and multi-label heads only.");
        }

        if (!(smoothing >= 0d && smoothing < 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "The smoothing must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        CheckKind(task, kind, favourableNegative);
        switch (task)
        {
            case HeadTask.MultiClass:
                ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
                break;
            case HeadTask.MultiLabel:
                ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
                break;
            case HeadTask.Regression or HeadTask.Binary:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task, null);
        }

        Task = task;
        Kind = kind;
        FavourableNegative = favourableNegative;
        Groups = groups;
        MaxRows = maxRows;
        Outputs = task is HeadTask.MultiClass or HeadTask.MultiLabel ? classes : 1;
        TargetWidth = task == HeadTask.MultiLabel ? classes : 1;
        _rate = task != HeadTask.Regression;
        _slots = Outputs;
        var cells = checked((groups + 1) * _slots);
        var entries = checked(maxRows * Outputs);
        _sums = UnitBuffers.Rent<double>(cells);
        _counts = UnitBuffers.Rent<int>(cells);
        _totalSums = UnitBuffers.Rent<double>(cells);
        _totalCounts = UnitBuffers.Rent<double>(cells);
        _runningSums = UnitBuffers.Rent<double>(cells);
        _runningCounts = UnitBuffers.Rent<double>(cells);
        Smoothing = smoothing;
        Offset = offset;
        _factors = UnitBuffers.Rent<double>(cells);
        _combined = UnitBuffers.Rent<double>(cells);
        _harm = UnitBuffers.Rent<double>(groups + 1);
        _present = UnitBuffers.Rent<bool>(groups + 1);
        _local = UnitBuffers.Rent<double>(entries);
        _slot = UnitBuffers.Rent<int>(entries);
        _groups = UnitBuffers.Rent<int>(maxRows);
        _ones = UnitBuffers.Rent<double>(groups);
        _ones.AsSpan().Fill(1.0);
        _rowGradient = UnitBuffers.Rent<float>(entries);
        _populationGradient = UnitBuffers.Rent<float>(entries);
    }

    public HeadTask Task { get; }

    /// <summary>The running statistics' decay a (0: every batch alone).</summary>
    public double Smoothing { get; }

    /// <summary>The logit subtracted before the sigmoid of a binary or multi-label rate (logit of the decision threshold).</summary>
    public double Offset { get; }

    public HarmKind Kind { get; }

    /// <summary>Binary and multi-label heads: the favourable outcome is the negative label.</summary>
    public bool FavourableNegative { get; }

    /// <summary>The number of groups of the sensitive attribute.</summary>
    public int Groups { get; }

    /// <summary>The largest batch <see cref="Compute"/> accepts.</summary>
    public int MaxRows { get; }

    /// <summary>Outputs per row: the number of classes or labels for multi-class and multi-label heads, else 1.</summary>
    public int Outputs { get; }

    /// <summary>Targets per row: the number of labels for multi-label heads, else 1.</summary>
    public int TargetWidth { get; }

    /// <summary>The rows of the last <see cref="Compute"/>.</summary>
    public int Rows => _rows;

    /// <summary>h(g) of the last batch for every group; 0 for absent groups.</summary>
    public ReadOnlySpan<double> Harm => _harm.AsSpan(0, Groups);

    /// <summary>Whether each group had a participating row in the last batch.</summary>
    public ReadOnlySpan<bool> Present => _present.AsSpan(0, Groups);

    /// <summary>The harm of every participating row of a known group, by the same formula; 0 when none takes part.</summary>
    public double PopulationHarm => _harm[Groups];

    /// <summary>Whether any row of a known group took part in the last batch.</summary>
    public bool PopulationPresent => _present[Groups];

    /// <summary>The running sums the next <see cref="Compute"/> starts from (a times these plus the batch's; all 0
    /// without <see cref="Smoothing"/>), per cell: group g's slot s at g * <see cref="Outputs"/> + s, the population's
    /// (group <see cref="Groups"/>) last. The slot of a multi-class row is its label, of a multi-label entry its label,
    /// else 0.</summary>
    public ReadOnlySpan<double> RunningSums => _runningSums;

    /// <summary>The running counts the next <see cref="Compute"/> starts from, laid out like <see cref="RunningSums"/>.</summary>
    public ReadOnlySpan<double> RunningCounts => _runningCounts;

    /// <summary>
    /// d h(group(r)) / d output(r, k) at index r * <see cref="Outputs"/> + k, for the rows of the last batch (each row
    /// belongs to one group, so this one array holds the whole Jacobian); exactly 0 for rows that take no part.
    /// </summary>
    public ReadOnlySpan<float> RowGradient => _rowGradient.AsSpan(0, _rows * Outputs);

    /// <summary>d <see cref="PopulationHarm"/> / d output(r, k), laid out like <see cref="RowGradient"/>.</summary>
    public ReadOnlySpan<float> PopulationGradient => _populationGradient.AsSpan(0, _rows * Outputs);

    /// <summary>
    /// Computes the group harms, the population harm and their derivatives on the first <paramref name="rows"/> rows.
    /// </summary>
    /// <param name="outputs">The head's outputs, row-major: row r's at r * <see cref="Outputs"/> onwards (logits for
    /// binary, multi-class and multi-label heads).</param>
    /// <param name="targets">Row-major, <see cref="TargetWidth"/> per row: a value, a 0/1 label or a class index; NaN
    /// for a missing label.</param>
    /// <param name="groups">Each row's group, from 0 to <see cref="Groups"/> exclusive, or -1 for unknown.</param>
    /// <param name="rows">The batch size, at most <see cref="MaxRows"/>.</param>
    public void Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows) =>
        Compute<float>(outputs, targets, groups, rows);

    /// <summary>
    /// The chain rule from d(loss)/d h(g) and d(loss)/d(population harm) of the last <see cref="Compute"/> to the
    /// outputs, in double with one rounding to float: overwrites the first rows * <see cref="Outputs"/> elements of
    /// <paramref name="gradient"/> with Σ_g w_g d h(g)/d output + w_pop d(population harm)/d output.
    /// </summary>
    /// <param name="groupWeights">d(loss)/d h(g) per group; empty for all zero.</param>
    /// <param name="populationWeight">d(loss)/d(population harm).</param>
    /// <param name="gradient">Receives d(loss)/d output(r, k) at r * <see cref="Outputs"/> + k.</param>
    public void Backward(ReadOnlySpan<double> groupWeights, double populationWeight, Span<float> gradient)
    {
        if (!groupWeights.IsEmpty)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(groupWeights.Length, Groups, nameof(groupWeights));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(gradient.Length, _rows * Outputs, nameof(gradient));
        var population = Groups * _slots;
        for (var group = 0; group < Groups; group++)
        {
            var weight = groupWeights.IsEmpty ? 0.0 : groupWeights[group];
            for (var slot = 0; slot < _slots; slot++)
            {
                var cell = (group * _slots) + slot;
                _combined[cell] = (weight * _factors[cell]) + (populationWeight * _factors[population + slot]);
            }
        }

        if (Task == HeadTask.MultiClass)
        {
            BackwardMultiClass(gradient);
            return;
        }

        for (var row = 0; row < _rows; row++)
        {
            var group = _groups[row];
            for (var entry = row * Outputs; entry < (row + 1) * Outputs; entry++)
            {
                var slot = _slot[entry];
                var factor = slot < 0 ? 0.0 : _combined[(group * _slots) + slot];
                gradient[entry] = factor == 0.0 ? 0f : (float)(factor * _local[entry]);
            }
        }
    }

    /// <summary><see cref="Compute"/> on outputs of any floating-point type (double for finite-difference tests).</summary>
    internal void Compute<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, MaxRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs.Length, rows * Outputs, nameof(outputs));
        ArgumentOutOfRangeException.ThrowIfLessThan(targets.Length, rows * TargetWidth, nameof(targets));
        ArgumentOutOfRangeException.ThrowIfLessThan(groups.Length, rows, nameof(groups));
        Array.Clear(_sums);
        Array.Clear(_counts);
        _rows = rows;
        for (var row = 0; row < rows; row++)
        {
            var group = groups[row];
            if (group < -1 || group >= Groups)
            {
                ThrowGroup(row, group, Groups);
            }

            _groups[row] = group;
            if (Task == HeadTask.MultiClass)
            {
                ForwardMultiClass(outputs, targets[row], group, row);
            }
            else
            {
                for (var output = 0; output < Outputs; output++)
                {
                    var entry = (row * Outputs) + output;
                    Forward(double.CreateTruncating(outputs[entry]), targets[(row * TargetWidth) + output], group, entry, output);
                }
            }
        }

        Finish();
        Backward(_ones, 0.0, _rowGradient);
        Backward([], 1.0, _populationGradient);
    }

    /// <summary>Makes the last <see cref="Compute"/>'s sums and counts the running ones the next batch starts from (a
    /// training step calls it once; evaluating a batch again without it sees the same running statistics).</summary>
    public void Advance()
    {
        if (Smoothing == 0d)
        {
            return;
        }

        Array.Copy(_totalSums, _runningSums, _runningSums.Length);
        Array.Copy(_totalCounts, _runningCounts, _runningCounts.Length);
    }

    private static void CheckKind(HeadTask task, HarmKind kind, bool favourableNegative)
    {
        var fits = task switch
        {
            HeadTask.Regression => kind is HarmKind.Mse or HarmKind.Mae,
            HeadTask.Binary or HeadTask.MultiLabel => kind is HarmKind.Opportunity or HarmKind.Parity,
            HeadTask.MultiClass => kind == HarmKind.Opportunity,
            _ => true,
        };
        if (!fits)
        {
            throw new ArgumentException(
                task == HeadTask.MultiClass && kind == HarmKind.Parity
                    ? "Parity is meaningless on a multi-class head: its softmax rates sum to one. Use Opportunity."
                    : $"The harm {kind} does not apply to a {task} head.",
                nameof(kind));
        }

        if (favourableNegative && task is not (HeadTask.Binary or HeadTask.MultiLabel))
        {
            throw new ArgumentException($"A favourable negative outcome applies to binary and multi-label heads, not to a {task} head.", nameof(favourableNegative));
        }
    }

    /// <summary>One entry of a regression, binary or multi-label head: its contribution q and dq/d output.</summary>
    private void Forward(double output, float target, int group, int entry, int slot)
    {
        _slot[entry] = -1;
        if (group < 0 || float.IsNaN(target))
        {
            return;
        }

        double value, derivative;
        if (Task == HeadTask.Regression)
        {
            var error = output - target;
            (value, derivative) = Kind == HarmKind.Mse ? (error * error, 2.0 * error) : (Math.Abs(error), Math.Sign(error));
        }
        else
        {
            var positive = target >= 0.5f;
            if (Kind == HarmKind.Opportunity && positive == FavourableNegative)
            {
                return;
            }

            // The favourable rate: sigmoid(o - c), or 1 - sigmoid(o - c) = sigmoid(c - o) when the favourable outcome is negative.
            var shifted = output - Offset;
            var slope = FairnessBatch.SigmoidDerivative(shifted);
            (value, derivative) = FavourableNegative ? (TaskLoss.Sigmoid(-shifted), -slope) : (TaskLoss.Sigmoid(shifted), slope);
        }

        _slot[entry] = slot;
        _local[entry] = derivative;
        Accumulate(group, slot, value);
    }

    /// <summary>One multi-class row: the softmax in the row's entries of the local buffer, p_c accumulated for class c.</summary>
    private void ForwardMultiClass<T>(ReadOnlySpan<T> outputs, float target, int group, int row)
        where T : unmanaged, INumberBase<T>
    {
        _slot[row] = -1;
        if (float.IsNaN(target))
        {
            return;
        }

        if (!(target >= 0f && target < Outputs) || target != MathF.Floor(target))
        {
            ThrowClass(row, target, Outputs);
        }

        if (group < 0)
        {
            return;
        }

        var start = row * Outputs;
        var max = double.NegativeInfinity;
        for (var k = 0; k < Outputs; k++)
        {
            max = Math.Max(max, double.CreateTruncating(outputs[start + k]));
        }

        var total = 0.0;
        for (var k = 0; k < Outputs; k++)
        {
            var e = Math.Exp(double.CreateTruncating(outputs[start + k]) - max);
            _local[start + k] = e;
            total += e;
        }

        for (var k = 0; k < Outputs; k++)
        {
            _local[start + k] /= total;
        }

        var label = (int)target;
        _slot[row] = label;
        Accumulate(group, label, _local[start + label]);
    }

    private void Accumulate(int group, int slot, double value)
    {
        var cell = (group * _slots) + slot;
        _sums[cell] += value;
        _counts[cell]++;
        var population = (Groups * _slots) + slot;
        _sums[population] += value;
        _counts[population]++;
    }

    /// <summary>The harms from the sums (slots in ascending order; with smoothing, a times the running sums plus the
    /// batch's) and each cell's d h / d q = ±1 / (S_g n_cell), n_cell the cell's (smoothed) count.</summary>
    private void Finish()
    {
        for (var cell = 0; cell < _sums.Length; cell++)
        {
            _totalSums[cell] = Smoothing == 0d ? _sums[cell] : (Smoothing * _runningSums[cell]) + _sums[cell];
            _totalCounts[cell] = Smoothing == 0d ? _counts[cell] : (Smoothing * _runningCounts[cell]) + _counts[cell];
        }

        var sign = _rate ? -1.0 : 1.0;
        for (var group = 0; group <= Groups; group++)
        {
            var start = group * _slots;
            var present = 0;
            for (var slot = 0; slot < _slots; slot++)
            {
                present += _totalCounts[start + slot] > 0 ? 1 : 0;
            }

            var harm = 0.0;
            for (var slot = 0; slot < _slots; slot++)
            {
                var count = _totalCounts[start + slot];
                if (count == 0)
                {
                    _factors[start + slot] = 0.0;
                    continue;
                }

                var mean = _totalSums[start + slot] / count;
                harm += _rate ? 1.0 - mean : mean;
                _factors[start + slot] = sign / ((double)present * count);
            }

            _present[group] = present > 0;
            _harm[group] = present > 0 ? harm / present : 0.0;
        }
    }

    /// <summary>d p_c / d o_k = p_c (δ_ck - p_k), with 1 - p_c taken as the sum of the other rates.</summary>
    private void BackwardMultiClass(Span<float> gradient)
    {
        for (var row = 0; row < _rows; row++)
        {
            var start = row * Outputs;
            var label = _slot[row];
            var factor = label < 0 ? 0.0 : _combined[(_groups[row] * _slots) + label];
            if (factor == 0.0)
            {
                gradient.Slice(start, Outputs).Clear();
                continue;
            }

            var rate = _local[start + label];
            var others = 0.0;
            for (var k = 0; k < Outputs; k++)
            {
                others += k == label ? 0.0 : _local[start + k];
            }

            for (var k = 0; k < Outputs; k++)
            {
                var derivative = k == label ? rate * others : -rate * _local[start + k];
                gradient[start + k] = (float)(factor * derivative);
            }
        }
    }

    private static void ThrowGroup(int row, int group, int groups) =>
        throw new ArgumentOutOfRangeException(nameof(groups), group, $"Row {row} has group {group}; the harm has {groups} groups (or -1 for unknown).");

    private static void ThrowClass(int row, float target, int classes) =>
        throw new ArgumentOutOfRangeException("targets", target, $"Row {row} has class {target.ToString(System.Globalization.CultureInfo.InvariantCulture)}; the head has {classes} classes.");
}
