using FairMtl.Nn;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>Each head's task loss (MSE or BCE; softmax or multi-label cross-entropy for multi-class and multi-label
/// heads) combined by an <see cref="ILossCombiner"/>; a head's coefficient scales its gradient in the head and in the
/// trunk alike.</summary>
public sealed class HeadLossObjective : IBatchObjective
{
    private readonly HeadSpec[] _heads;
    private readonly string[] _names;
    private readonly double[] _losses;
    private readonly double[] _coefficients;

    public HeadLossObjective(MultiHeadNetwork network, ILossCombiner combiner)
    {
        Combiner = combiner;
        _heads = network.Heads.Select(head => head.Spec).ToArray();
        _names = network.Heads.Select(head => head.Spec.Name).ToArray();
        _losses = new double[_heads.Length];
        _coefficients = new double[_heads.Length];
    }

    /// <summary>The combiner of the heads' losses (replaceable, so that a trainer reuses one objective across runs).</summary>
    public ILossCombiner Combiner { get; set; }

    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        for (var h = 0; h < _heads.Length; h++)
        {
            _losses[h] = TaskLoss.Compute(_heads[h], network.Heads[h].Prediction, batch.Targets[h], gradients[h], batch.Rows);
        }

        var total = Combiner.Combine(_losses, _coefficients);
        for (var h = 0; h < _heads.Length; h++)
        {
            headScales[h] = (float)_coefficients[h];
            trunkScales[h] = (float)_coefficients[h];
            trunkGradients[h] = null;
        }

        return total;
    }

    public string DescribeNonFinite()
    {
        var culprit = Array.FindIndex(_losses, loss => !double.IsFinite(loss));
        return culprit >= 0 ? $"loss of head '{_names[culprit]}'" : "the weighted loss";
    }
}
