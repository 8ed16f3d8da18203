using System.Numerics;
using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The fairness constraint of the FairMT kind over several heterogeneous heads (this project's formulas, after the
/// FairMT abstract): per constrained task t the group harms h_t(g) (<see cref="GroupHarm"/>), its violation v_t
/// (<see cref="OneSidedViolation"/> against the shared reference, or <see cref="SymmetricGap"/>), and the aggregate
/// F = A(v_1 / s_1, ..., v_T / s_T) (<see cref="ConstraintAggregation"/>), with dF/d output by the chain rule
/// dF/d o(r, k) = dF/dv_t · dv_t/dh_t(g(r)) · dh_t(g(r))/d o(r, k) (the one-sided reference is a stop-gradient). Every
/// task shares the rows' sensitive-attribute groups. All buffers are rented in the constructor; <see cref="Compute"/>
/// does not allocate. Not thread-safe.
/// </summary>
public sealed class FairnessConstraint
{
    private readonly ConstrainedTask[] _tasks;
    private readonly GroupHarm[] _harms;
    private readonly double[][] _coefficients;
    private readonly double[] _violations;
    private readonly double[] _scales;
    private readonly double[] _derivatives;
    private readonly double[] _weights;

    /// <param name="tasks">The constrained heads, at least one, each head at most once.</param>
    /// <param name="reference">The one-sided violations' reference harm.</param>
    /// <param name="aggregation">How the scaled violations combine.</param>
    /// <param name="groups">The number of groups of the sensitive attribute.</param>
    /// <param name="maxRows">The largest batch.</param>
    /// <param name="smoothing">The decay of the group harms' running statistics (see <see cref="GroupHarm"/>; 0: each
    /// batch alone).</param>
    public FairnessConstraint(IReadOnlyList<ConstrainedTask> tasks, HarmReference reference, ConstraintAggregation aggregation, int groups, int maxRows, double smoothing = 0d)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfZero(tasks.Count, nameof(tasks));
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (!Enum.IsDefined(reference))
        {
            throw new ArgumentOutOfRangeException(nameof(reference), reference, null);
        }

        _tasks = [.. tasks];
        _harms = new GroupHarm[_tasks.Length];
        _coefficients = new double[_tasks.Length][];
        _violations = UnitBuffers.Rent<double>(_tasks.Length);
        _scales = UnitBuffers.Rent<double>(_tasks.Length);
        _derivatives = UnitBuffers.Rent<double>(_tasks.Length);
        _weights = UnitBuffers.Rent<double>(groups);
        for (var t = 0; t < _tasks.Length; t++)
        {
            var task = _tasks[t] ?? throw new ArgumentException($"Task {t} is null.", nameof(tasks));
            ArgumentOutOfRangeException.ThrowIfNegative(task.Head, nameof(tasks));
            if (Array.FindIndex(_tasks, 0, t, other => other.Head == task.Head) >= 0)
            {
                throw new ArgumentException($"Head {task.Head} is constrained twice.", nameof(tasks));
            }

            OneSidedViolation.CheckTolerance(task.Tolerance);
            if (!(task.Scale > 0.0) || double.IsInfinity(task.Scale))
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), task.Scale, $"Task {t}'s scale must be finite and positive.");
            }

            if (!Enum.IsDefined(task.Violation))
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), task.Violation, null);
            }

            _harms[t] = new GroupHarm(task.Task, task.Harm, task.Classes, groups, maxRows, task.FavourableNegative, smoothing, task.Offset);
            _coefficients[t] = UnitBuffers.Rent<double>(groups);
            _scales[t] = task.Scale;
        }

        Reference = reference;
        Aggregation = aggregation;
        Groups = groups;
        MaxRows = maxRows;
        Smoothing = smoothing;
    }

    public IReadOnlyList<ConstrainedTask> Tasks => _tasks;

    /// <summary>Rolls every harm's running statistics forward to the last batch (once per training step).</summary>
    public void Advance()
    {
        foreach (var harm in _harms)
        {
            harm.Advance();
        }
    }

    public HarmReference Reference { get; }

    public ConstraintAggregation Aggregation { get; }

    /// <summary>The number of groups of the sensitive attribute.</summary>
    public int Groups { get; }

    /// <summary>The largest batch <see cref="Compute"/> accepts.</summary>
    public int MaxRows { get; }

    /// <summary>The decay of the group harms' running statistics (0: each batch alone).</summary>
    public double Smoothing { get; }

    /// <summary>Task <paramref name="task"/>'s running sums the next batch starts from (<see cref="GroupHarm.RunningSums"/>).</summary>
    public ReadOnlySpan<double> RunningSums(int task) => _harms[task].RunningSums;

    /// <summary>Task <paramref name="task"/>'s running counts the next batch starts from (<see cref="GroupHarm.RunningCounts"/>).</summary>
    public ReadOnlySpan<double> RunningCounts(int task) => _harms[task].RunningCounts;

    /// <summary>F of the last <see cref="Compute"/>.</summary>
    public double Value { get; private set; }

    /// <summary>v_t of the last batch, in task order (unscaled).</summary>
    public ReadOnlySpan<double> Violations => _violations;

    /// <summary>dF/dv_t of the last batch, in task order.</summary>
    public ReadOnlySpan<double> ViolationDerivatives => _derivatives;

    /// <summary>h_t(g) of the last batch for task <paramref name="task"/> (0 for absent groups).</summary>
    public ReadOnlySpan<double> GroupHarms(int task) => _harms[task].Harm;

    /// <summary>Which groups took part in task <paramref name="task"/> in the last batch.</summary>
    public ReadOnlySpan<bool> GroupPresent(int task) => _harms[task].Present;

    /// <summary>Task <paramref name="task"/>'s population harm of the last batch.</summary>
    public double PopulationHarm(int task) => _harms[task].PopulationHarm;

    /// <summary>dv_t/dh_t(g) of the last batch for task <paramref name="task"/>.</summary>
    public ReadOnlySpan<double> ViolationCoefficients(int task) => _coefficients[task];

    /// <summary>
    /// F on the first <paramref name="rows"/> rows. Unless <paramref name="gradientPerHead"/> is null, overwrites the
    /// first rows · outputs elements of each constrained head's gradient array with dF/d output(r, k) (row-major like the
    /// outputs; exactly 0 for rows of group -1 or with a missing label); the arrays of unconstrained heads are not
    /// touched and may be null.
    /// </summary>
    /// <param name="outputsPerHead">Every head's outputs, row-major, indexed by <see cref="ConstrainedTask.Head"/>.</param>
    /// <param name="targetsPerHead">Every head's targets, row-major with the head's target width; NaN for missing.</param>
    /// <param name="groups">Each row's group, 0 to <see cref="Groups"/> exclusive, or -1 for unknown.</param>
    /// <param name="rows">The batch size, at most <see cref="MaxRows"/>.</param>
    /// <param name="gradientPerHead">Receives dF/d outputs per constrained head; null for the value only.</param>
    public double Compute(float[][] outputsPerHead, float[][] targetsPerHead, ReadOnlySpan<int> groups, int rows, float[][]? gradientPerHead) =>
        Compute<float>(outputsPerHead, targetsPerHead, groups, rows, gradientPerHead);

    /// <summary><see cref="Compute(float[][], float[][], ReadOnlySpan{int}, int, float[][])"/> on outputs of any
    /// floating-point type (double for finite-difference tests).</summary>
    internal double Compute<T>(T[][] outputsPerHead, float[][] targetsPerHead, ReadOnlySpan<int> groups, int rows, float[][]? gradientPerHead)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(outputsPerHead);
        ArgumentNullException.ThrowIfNull(targetsPerHead);
        for (var t = 0; t < _tasks.Length; t++)
        {
            var head = _tasks[t].Head;
            var harm = _harms[t];
            harm.Compute<T>(outputsPerHead[head], targetsPerHead[head], groups, rows);
            _violations[t] = _tasks[t].Violation == ViolationKind.Symmetric
                ? SymmetricGap.Compute(harm.Harm, harm.Present, _coefficients[t])
                : OneSidedViolation.Compute(harm.Harm, harm.Present, harm.PopulationHarm, Reference, _tasks[t].Tolerance, _coefficients[t]);
        }

        Value = Aggregation.Compute(_violations, _scales, _derivatives);
        if (gradientPerHead is null)
        {
            return Value;
        }

        for (var t = 0; t < _tasks.Length; t++)
        {
            var coefficients = _coefficients[t];
            for (var group = 0; group < Groups; group++)
            {
                _weights[group] = _derivatives[t] * coefficients[group];
            }

            _harms[t].Backward(_weights, 0.0, gradientPerHead[_tasks[t].Head]);
        }

        return Value;
    }
}
