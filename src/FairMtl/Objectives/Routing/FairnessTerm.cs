using FairMtl.Numerics;
using FairMtl.Objectives.Fairness;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>
/// A batch fairness loss of a head's logits against its targets and one attribute's groups, on the batch rows of a
/// <see cref="RowSubset"/> whose group is known (group -1 rows never take part).
/// </summary>
public sealed class FairnessTerm : ILossTerm
{
    private readonly IBatchFairnessLoss _loss;
    private readonly RowSubsetLoss _subsetLoss;
    private readonly string _attribute;
    private readonly RowSubset _subset;
    private readonly int[] _otherHeads;
    private readonly bool[] _include;

    /// <param name="loss">The loss and its settings.</param>
    /// <param name="name">How messages name the term, e.g. <c>GLF on 'sex'</c>; built only when a message needs it (a
    /// unit builds several terms, and their names were most of its method plan's allocations).</param>
    /// <param name="attribute">The sensitive attribute whose groups the loss compares.</param>
    /// <param name="maxRows">The largest batch.</param>
    /// <param name="subset">Which rows the loss looks at.</param>
    /// <param name="otherHeads">For the exclusive subsets: the heads of the other tasks.</param>
    /// <param name="summed">The loss times the number of rows it is computed on (<see cref="Spec.LossReduction.Sum"/>).</param>
    public FairnessTerm(
        FairnessLossDefinition loss,
        Func<string> name,
        string attribute,
        int maxRows,
        RowSubset subset = RowSubset.All,
        IReadOnlyList<int>? otherHeads = null,
        bool summed = false)
    {
        Summed = summed;
        Loss = loss;
        _loss = loss.Create(maxRows);
        _subsetLoss = new RowSubsetLoss(_loss, maxRows);
        _attribute = attribute;
        _subset = subset;
        _otherHeads = otherHeads?.ToArray() ?? [];
        _include = UnitBuffers.Rent<bool>(maxRows);
        _name = name;
    }

    private readonly Func<string> _name;

    public string Name => _name();

    /// <summary>The loss and its settings.</summary>
    public FairnessLossDefinition Loss { get; }

    /// <summary>Whether the loss is multiplied by the number of rows it is computed on.</summary>
    public bool Summed { get; }

    /// <summary>The sensitive attribute whose groups the loss compares.</summary>
    public string Attribute => _attribute;

    /// <summary>Which rows the loss looks at.</summary>
    public RowSubset Subset => _subset;

    /// <summary>For the exclusive subsets: the heads of the other tasks.</summary>
    public IReadOnlyList<int> OtherHeads => _otherHeads;

    /// <summary>Whether batch row <paramref name="row"/> takes part in the loss on head <paramref name="head"/>: its
    /// group is known and it is in the term's subset.</summary>
    public bool Includes(TrainingBatch batch, int head, int row) => Includes(batch, _attribute, _subset, _otherHeads, head, row);

    public double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient)
    {
        var groups = batch.Groups[_attribute].AsSpan(0, batch.Rows);
        var targets = batch.Targets[head];
        if (_subset == RowSubset.All && !groups.Contains(-1))
        {
            var value = _loss.Compute(outputs, targets, groups, batch.Rows, gradient);
            return Summed ? LossSums.Scale(value, batch.Rows, gradient, batch.Rows) : value;
        }

        var included = 0;
        for (var i = 0; i < batch.Rows; i++)
        {
            _include[i] = Includes(batch, head, i);
            included += _include[i] ? 1 : 0;
        }

        var subsetValue = _subsetLoss.Compute(outputs, targets, groups, _include.AsSpan(0, batch.Rows), batch.Rows, gradient);
        return Summed ? LossSums.Scale(subsetValue, included, gradient, batch.Rows) : subsetValue;
    }

    /// <summary>Whether batch row <paramref name="row"/> takes part in a fairness loss of attribute
    /// <paramref name="attribute"/> on the rows <paramref name="subset"/> of head <paramref name="head"/>: its group is
    /// known and it is in the subset (the exclusive subsets look at the heads <paramref name="otherHeads"/> of the other
    /// tasks). What a <see cref="FairnessTerm"/> of these settings includes, for code that computes such a loss itself
    /// (the torch engine's generated objectives).</summary>
    public static bool Includes(TrainingBatch batch, string attribute, RowSubset subset, IReadOnlyList<int> otherHeads, int head, int row) =>
        batch.Groups[attribute][row] >= 0 && InSubset(batch, batch.Targets[head], subset, otherHeads, head, row);

    private static bool InSubset(TrainingBatch batch, float[] targets, RowSubset subset, IReadOnlyList<int> otherHeads, int head, int row)
    {
        switch (subset)
        {
            case RowSubset.All:
                return true;
            case RowSubset.Negatives:
                return targets[row] == 0f;
            case RowSubset.Positives:
                return targets[row] == 1f;
            default:
                var label = subset == RowSubset.ExclusiveNegatives ? 0f : 1f;
                if (targets[row] != label)
                {
                    return false;
                }

                for (var k = 0; k < otherHeads.Count; k++)
                {
                    var other = otherHeads[k];
                    if (other != head && batch.Targets[other][row] == label)
                    {
                        return false;
                    }
                }

                return true;
        }
    }
}

/// <summary>The batch rows a fairness term looks at.</summary>
public enum RowSubset
{
    /// <summary>Every row.</summary>
    All,

    /// <summary>The rows negative on the head's task (N_t: equal opportunity, an FPR-like gap).</summary>
    Negatives,

    /// <summary>The rows positive on the head's task.</summary>
    Positives,

    /// <summary>MTA-F's exclusive negatives: negative on the head's task and positive on every other task.</summary>
    ExclusiveNegatives,

    /// <summary>Positive on the head's task and negative on every other task.</summary>
    ExclusivePositives,
}
