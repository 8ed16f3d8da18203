using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The FairMT kind's objective (this project's design after the FairMT abstract): sum_t w_t U_t over the heads' masked
/// task losses, plus c F with F the batch's <see cref="FairnessConstraint"/> (with several sensitive attributes, one
/// constraint per attribute, their values aggregated by the constraints' own rule) and c a fixed lambda (penalty), the
/// <see cref="DualAscent"/> multiplier (primal-dual; the value adds mu (F - epsilon)) or 0 (unconstrained MTL, which
/// still records F). Head-aware: dF/d outputs reaches each constrained head's parameters and the trunk; otherwise the
/// head's parameters see w_t dU_t only and the trunk the sum. With a <see cref="MinNormCombination"/> the two gradients
/// are back-propagated separately and combined per parameter block instead of added.
/// </summary>
public sealed class ConstrainedObjective : IMultiPassObjective
{
    private readonly HeadSpec[] _heads;
    private readonly RegressionLoss[] _losses;
    private readonly double[] _weights;
    private readonly FairnessConstraint[] _constraints;
    private readonly string[] _attributes;
    private readonly ConstraintAggregation _aggregation;
    private readonly double[] _attributeValues;
    private readonly double[] _attributeScales;
    private readonly double[] _attributeDerivatives;
    private readonly float[][][] _attributeFairness;
    private readonly double _lambda;
    private readonly DualAscent? _dual;
    private readonly bool _headAware;
    private readonly bool[] _constrained;
    private readonly float[][] _predictions;
    private readonly float[][] _utility;
    private readonly float[][] _fairness;
    private readonly float[][] _trunk;
    private readonly double[] _recent;
    private readonly MinNormCombination? _minNorm;
    private readonly float[][] _utilityPass;
    private readonly float[][] _fairnessPass;
    private readonly float[]?[] _trunkOnlyPass;
    private readonly float[] _ones;
    private int _steps;
    private string _nonFinite = "the objective";

    /// <param name="network">The network trained (its heads' predictions are read every batch).</param>
    /// <param name="losses">Per head, the regression loss (read for regression heads only).</param>
    /// <param name="weights">Per head, the utility weight w_t.</param>
    /// <param name="constraints">Per sensitive attribute, the constraint over the constrained heads (each with the same
    /// heads and aggregation).</param>
    /// <param name="attributes">The sensitive attributes whose batch groups the constraints compare, in the same order.</param>
    /// <param name="lambda">The fixed coefficient of F (penalty; 0 for unconstrained MTL).</param>
    /// <param name="dual">The multiplier of a primal-dual method (then <paramref name="lambda"/> is unused), or null.</param>
    /// <param name="headAware">Whether the constraint's gradient reaches the heads' parameters.</param>
    /// <param name="recentSteps">How many of the last batches <see cref="RecentConstraint"/> averages (an epoch's).</param>
    /// <param name="minNorm">Combine the utility and constraint gradients per parameter block by the min-norm rule.</param>
    public ConstrainedObjective(
        MultiHeadNetwork network,
        IReadOnlyList<RegressionLoss> losses,
        IReadOnlyList<double> weights,
        IReadOnlyList<FairnessConstraint> constraints,
        IReadOnlyList<string> attributes,
        double lambda,
        DualAscent? dual,
        bool headAware,
        int recentSteps,
        bool minNorm = false)
    {
        _heads = network.Heads.Select(head => head.Spec).ToArray();
        _losses = [.. losses];
        _weights = [.. weights];
        _constraints = [.. constraints];
        _attributes = [.. attributes];
        _aggregation = _constraints[0].Aggregation;
        _attributeValues = UnitBuffers.Rent<double>(_constraints.Length);
        _attributeScales = UnitBuffers.Rent<double>(_constraints.Length);
        _attributeScales.AsSpan().Fill(1d);
        _attributeDerivatives = UnitBuffers.Rent<double>(_constraints.Length);
        _lambda = lambda;
        _dual = dual;
        _headAware = headAware;
        _constrained = _heads.Select((_, h) => _constraints[0].Tasks.Any(task => task.Head == h)).ToArray();
        _predictions = network.Heads.Select(head => head.Prediction).ToArray();
        var maxRows = network.MaxRows;
        _utility = _heads.Select(head => UnitBuffers.Rent<float>(maxRows * head.Outputs)).ToArray();
        _fairness = _heads.Select(head => UnitBuffers.Rent<float>(maxRows * head.Outputs)).ToArray();
        _attributeFairness = _constraints.Length == 1
            ? [_fairness]
            : _constraints.Select(_ => _heads.Select(head => UnitBuffers.Rent<float>(maxRows * head.Outputs)).ToArray()).ToArray();
        _trunk = _heads.Select(head => UnitBuffers.Rent<float>(maxRows * head.Outputs)).ToArray();
        _recent = UnitBuffers.Rent<double>(Math.Max(1, recentSteps));
        _minNorm = minNorm ? new MinNormCombination(network.Parameters) : null;
        _utilityPass = new float[_heads.Length][];
        _fairnessPass = _heads
            .Select((head, h) => _constrained[h] && headAware ? _fairness[h] : UnitBuffers.Rent<float>(minNorm ? maxRows * head.Outputs : 0))
            .ToArray();
        _trunkOnlyPass = _heads.Select((_, h) => _constrained[h] && !headAware ? _fairness[h] : null).ToArray();
        _ones = UnitBuffers.Rent<float>(_heads.Length);
        _ones.AsSpan().Fill(1f);
    }

    /// <inheritdoc/>
    public bool OwnsBackward { get; private set; }

    /// <summary>Per head, the regression loss of its utility (read for regression heads only).</summary>
    public IReadOnlyList<RegressionLoss> Losses => _losses;

    /// <summary>Per head, the utility weight w_t.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Per sensitive attribute, its constraint (their states are the objective's).</summary>
    public IReadOnlyList<FairnessConstraint> Constraints => _constraints;

    /// <summary>The sensitive attributes of <see cref="Constraints"/>, in the same order.</summary>
    public IReadOnlyList<string> Attributes => _attributes;

    /// <summary>Whether dF/d outputs reaches the constrained heads' parameters (else the trunk only).</summary>
    public bool HeadAware => _headAware;

    /// <summary>The coefficient of F the next batch's gradient uses: lambda, or the multiplier now.</summary>
    public double NextCoefficient => _dual?.Multiplier ?? _lambda;

    /// <summary>The min-norm combination's state (its alphas per block after each step), or null.</summary>
    public MinNormCombination? MinNorm => _minNorm;

    /// <summary>The coefficient of F in the last batch's gradient: lambda, or mu before its update.</summary>
    public double Coefficient { get; private set; }

    /// <summary>The primal-dual multiplier now (NaN for the other methods).</summary>
    public double Multiplier => _dual?.Multiplier ?? double.NaN;

    /// <summary>The mean F of the last batches (up to the count given to the constructor).</summary>
    public double RecentConstraint
    {
        get
        {
            var count = Math.Min(_steps, _recent.Length);
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += _recent[i];
            }

            return count == 0 ? double.NaN : sum / count;
        }
    }

    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        var rows = batch.Rows;
        var total = 0.0;
        for (var h = 0; h < _heads.Length; h++)
        {
            var width = rows * _heads[h].Outputs;
            var value = MaskedTaskLoss.Compute(
                _heads[h].Task, _losses[h], _heads[h].Classes, _predictions[h].AsSpan(0, width), batch.Targets[h], _utility[h].AsSpan(0, width), rows);
            if (!double.IsFinite(value))
            {
                _nonFinite = $"the task loss of head '{_heads[h].Name}'";
                return value;
            }

            total += _weights[h] * value;
        }

        var coefficient = NextCoefficient;
        var constraint = Constraint(batch, rows, coefficient != 0d);
        if (!double.IsFinite(constraint))
        {
            _nonFinite = "the fairness constraint";
            return constraint;
        }

        Coefficient = coefficient;
        _recent[_steps % _recent.Length] = constraint;
        _steps++;
        total += _dual is null ? coefficient * constraint : coefficient * (constraint - _dual.Epsilon);
        _dual?.Update(constraint);
        var c = (float)coefficient;
        OwnsBackward = _minNorm is not null && c != 0f;
        for (var h = 0; h < _heads.Length; h++)
        {
            var width = rows * _heads[h].Outputs;
            var w = (float)_weights[h];
            var utility = _utility[h].AsSpan(0, width);
            var own = gradients[h].AsSpan(0, width);
            headScales[h] = 1f;
            trunkScales[h] = 1f;
            trunkGradients[h] = null;
            for (var i = 0; i < width; i++)
            {
                own[i] = w * utility[i];
            }

            if (!_constrained[h] || c == 0f)
            {
                continue;
            }

            var fairness = _fairness[h].AsSpan(0, width);
            if (OwnsBackward)
            {
                // Back-propagated apart by Backward: the utility part (kept in the trunk buffer) and c dF.
                own.CopyTo(_trunk[h]);
                for (var i = 0; i < width; i++)
                {
                    fairness[i] *= c;
                }

                continue;
            }

            var combined = _headAware ? own : _trunk[h].AsSpan(0, width);
            for (var i = 0; i < width; i++)
            {
                combined[i] = MathF.FusedMultiplyAdd(c, fairness[i], w * utility[i]);
            }

            if (!_headAware)
            {
                trunkGradients[h] = _trunk[h];
            }
        }

        if (OwnsBackward)
        {
            for (var h = 0; h < _heads.Length; h++)
            {
                _utilityPass[h] = _constrained[h] ? _trunk[h] : gradients[h];
            }
        }

        return total;
    }

    public string DescribeNonFinite() => _nonFinite;

    /// <summary>F of the batch (rolling the constraints' running statistics forward); with <paramref name="gradient"/>,
    /// dF/d outputs of the constrained heads in the fairness buffers: one attribute's directly, several attributes'
    /// summed with the aggregation's weights dF/dF_a (in attribute order).</summary>
    private double Constraint(TrainingBatch batch, int rows, bool gradient)
    {
        for (var a = 0; a < _constraints.Length; a++)
        {
            _attributeValues[a] = _constraints[a].Compute(_predictions, batch.Targets, batch.Groups[_attributes[a]].AsSpan(0, rows), rows, gradient ? _attributeFairness[a] : null);
            _constraints[a].Advance();
        }

        if (_constraints.Length == 1)
        {
            return _attributeValues[0];
        }

        var value = _aggregation.Compute(_attributeValues, _attributeScales, _attributeDerivatives);
        if (!gradient)
        {
            return value;
        }

        for (var h = 0; h < _heads.Length; h++)
        {
            if (!_constrained[h])
            {
                continue;
            }

            var target = _fairness[h].AsSpan(0, rows * _heads[h].Outputs);
            target.Clear();
            for (var a = 0; a < _constraints.Length; a++)
            {
                var weight = (float)_attributeDerivatives[a];
                var source = _attributeFairness[a][h];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = MathF.FusedMultiplyAdd(weight, source[i], target[i]);
                }
            }
        }

        return value;
    }

    /// <inheritdoc/>
    /// <remarks>The min-norm step: the utility gradients (the ones <see cref="Evaluate"/> wrote into the trainer's
    /// arrays, kept here as the heads' own parts) back-propagated, then the constraint's (to the heads and the trunk, or
    /// the trunk only).</remarks>
    public int Passes => 2;

    /// <inheritdoc/>
    public BackwardPass Pass(int index) => index switch
    {
        0 => new BackwardPass(_utilityPass, _ones, _ones, null),
        1 => new BackwardPass(_fairnessPass, _ones, _ones, _trunkOnlyPass),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "two passes"),
    };

    /// <inheritdoc/>
    /// <remarks>The utility gradients are captured after the first pass; after the second the two are combined per
    /// parameter block.</remarks>
    public void AfterPass(int index, IReadOnlyList<Parameter> parameters)
    {
        var combination = _minNorm ?? throw new InvalidOperationException("No min-norm combination was asked for.");
        if (index == 0)
        {
            combination.CaptureFirst();
        }
        else
        {
            combination.Combine();
        }
    }
}
