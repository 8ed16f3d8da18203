using System.Globalization;
using FairMtl.Nn;
using FairMtl.Objectives.Constraints;
using FairMtl.Torch.Modules;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A <see cref="ConstrainedObjective"/> (the FairMT kind's) in torch operations: the utility U = sum_t w_t U_t over the
/// heads' masked task losses (<see cref="TorchLossTerms.LabelledTaskLoss"/>) and the batch's constraint F (per attribute
/// <see cref="TorchFairnessConstraint"/>, several attributes aggregated by the constraints' own rule with unit scales),
/// both in double precision and differentiated by torch. The native objective evaluates every batch as well, after F's
/// graph is built from the running statistics before the batch: it keeps the state (the constraints' running
/// statistics, the dual multiplier, the recent constraint values) and gives the value and the coefficient c of F
/// (lambda, or the multiplier before its update); its output gradients are not used. Head-aware: the heads' parameters
/// and the trunk receive the gradient of U + c F; otherwise the heads' that of U and the trunk's that of U + c F; with
/// c = 0 both receive U's. With the min-norm combination (and c not 0) the utility's and the constraint's gradients are
/// two passes (<see cref="IMultiPassTorchObjective"/>: U to heads and trunk, then c F to the heads, or to the trunk only,
/// and the trunk), combined per parameter block by the native <see cref="MinNormCombination"/>.
/// </summary>
public sealed class TorchConstrainedObjective : IMultiPassTorchObjective
{
    private readonly MultiHeadNetwork _network;
    private readonly float[][] _gradients;
    private readonly float[] _headScales;
    private readonly float[] _trunkScales;
    private readonly float[]?[] _trunkGradients;
    private readonly List<TorchObjectiveParts> _passes = [];

    /// <param name="native">The native objective (its configuration and state).</param>
    /// <param name="network">The native network it was made for: the heads' outputs are copied into its heads'
    /// predictions, which the native objective reads.</param>
    public TorchConstrainedObjective(ConstrainedObjective native, MultiHeadNetwork network)
    {
        Native = native ?? throw new ArgumentNullException(nameof(native));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _gradients = network.Heads.Select(head => new float[network.MaxRows * head.Outputs]).ToArray();
        _headScales = new float[network.Heads.Length];
        _trunkScales = new float[network.Heads.Length];
        _trunkGradients = new float[]?[network.Heads.Length];
    }

    /// <summary>The native objective.</summary>
    public ConstrainedObjective Native { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TorchObjectiveParts> Passes => _passes;

    /// <inheritdoc/>
    /// <remarks>Yes: the native objective keeps the state.</remarks>
    public bool EvaluatesNative => true;

    public TorchObjectiveParts Evaluate(IReadOnlyList<Tensor> outputs, TorchBatch batch)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(batch);
        _passes.Clear();
        var upcoming = Native.NextCoefficient;
        var constraint = (float)upcoming != 0f ? Constraint(outputs, batch) : null;
        WeightTransfer.PredictionsToNative(outputs, _network, batch.Rows);
        var value = Native.Evaluate(_network, batch.Native, _gradients, _headScales, _trunkScales, _trunkGradients);
        var utility = Utility(outputs, batch);
        if (!double.IsFinite(value))
        {
            return new TorchObjectiveParts(value, utility, utility);
        }

        var coefficient = Native.Coefficient;
        if (coefficient != upcoming)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"The native objective used the coefficient {coefficient} where {upcoming} was announced."));
        }

        if (constraint is null)
        {
            return new TorchObjectiveParts(value, utility, utility);
        }

        var penalty = constraint.mul(TorchScalars.Of(coefficient));
        var total = TorchScalars.Sum(utility, penalty);
        if (Native.OwnsBackward)
        {
            // Every head's output stays in the constraint pass (with a zero gradient where F does not reach), so that
            // every parameter gets a gradient from it.
            var none = utility.mul(TorchScalars.Of(0d));
            var reaching = TorchScalars.Sum(penalty, none);
            _passes.Add(new TorchObjectiveParts(value, utility, utility));
            _passes.Add(new TorchObjectiveParts(value, Native.HeadAware ? reaching : none, reaching));
        }

        return new TorchObjectiveParts(value, Native.HeadAware ? total : utility, total);
    }

    /// <inheritdoc/>
    public void AfterPass(int index, IReadOnlyList<Parameter> parameters) => Native.AfterPass(index, parameters);

    /// <summary>U = sum_t w_t U_t, every head's loss included (a zero weight too: every head's parameters get a gradient).</summary>
    private Tensor Utility(IReadOnlyList<Tensor> outputs, TorchBatch batch)
    {
        Tensor? sum = null;
        for (var h = 0; h < outputs.Count; h++)
        {
            var head = _network.Heads[h].Spec;
            var loss = TorchLossTerms.LabelledTaskLoss(head.Task, Native.Losses[h], head.Classes, outputs[h], batch, h).mul(TorchScalars.Of(Native.Weights[h]));
            sum = sum is null ? loss : TorchScalars.Sum(sum, loss);
        }

        return sum!;
    }

    /// <summary>F of the batch: the one attribute's constraint, or the attributes' constraints aggregated with unit scales.</summary>
    private Tensor Constraint(IReadOnlyList<Tensor> outputs, TorchBatch batch)
    {
        var constraints = Native.Constraints;
        var values = new Tensor[constraints.Count];
        for (var a = 0; a < values.Length; a++)
        {
            values[a] = TorchFairnessConstraint.Compute(constraints[a], outputs, batch, batch.Groups(Native.Attributes[a]));
        }

        return values.Length == 1
            ? values[0]
            : TorchConstraintAggregation.Compute(constraints[0].Aggregation, values, Enumerable.Repeat(1d, values.Length).ToArray());
    }
}
