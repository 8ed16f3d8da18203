using FairMtl.Nn;
using FairMtl.Objectives;
using FairMtl.Objectives.Weighting;
using FairMtl.Spec;
using FairMtl.Training;

namespace FairMtl.Conditional;

/// <summary>
/// The objective of a loss-conditional model: the heads' task losses weighted by the loss expression at the variables
/// the <see cref="ConditionSampler"/> drew for the batch. Drawn per batch, it is the sweep's objective at that point.
/// Drawn per row, each row's loss gradients are scaled by the expression's derivatives at that row's values (the loss
/// is linear in the head losses, which the spec reader checks), so that head and trunk receive the sum over rows of
/// d(weighting at row r)/d(loss of row r) times d(loss of row r)/d(outputs); the value reported is the sum over heads of
/// the batch's mean loss times its mean coefficient over the rows (the batch objective for a loss without terms free of
/// head losses; it is only watched for divergence).
/// </summary>
public sealed class ConditionalLoss : IBatchObjective
{
    private readonly HeadSpec[] _heads;
    private readonly int[] _outputs;
    private readonly ILossWeighting _weighting;
    private readonly ConditionSampler _sampler;
    private readonly double[] _losses;
    private readonly double[] _coefficients;
    private readonly double[] _meanCoefficients;
    private readonly double[] _variables;

    public ConditionalLoss(MultiHeadNetwork network, ILossWeighting weighting, ConditionSampler sampler)
    {
        _heads = network.Heads.Select(head => head.Spec).ToArray();
        _outputs = network.Heads.Select(head => head.Outputs).ToArray();
        _weighting = weighting;
        _sampler = sampler;
        _losses = new double[_heads.Length];
        _coefficients = new double[_heads.Length];
        _meanCoefficients = new double[_heads.Length];
        _variables = new double[sampler.Variables];
    }

    /// <inheritdoc/>
    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        var rows = batch.Rows;
        for (var h = 0; h < _heads.Length; h++)
        {
            _losses[h] = TaskLoss.Compute(_heads[h], network.Heads[h].Prediction, batch.Targets[h], gradients[h], rows);
            trunkGradients[h] = null;
        }

        if (!_sampler.PerRow)
        {
            _sampler.CopyRow(0, _variables);
            _weighting.Gradient(_losses, _variables, _coefficients);
            for (var h = 0; h < _heads.Length; h++)
            {
                headScales[h] = (float)_coefficients[h];
                trunkScales[h] = (float)_coefficients[h];
            }

            return _weighting.Evaluate(_losses, _variables);
        }

        Array.Clear(_meanCoefficients);
        for (var r = 0; r < rows; r++)
        {
            _sampler.Row(r).CopyTo(_variables);
            _weighting.Gradient(_losses, _variables, _coefficients);
            for (var h = 0; h < _heads.Length; h++)
            {
                _meanCoefficients[h] += _coefficients[h] / rows;
                var coefficient = (float)_coefficients[h];
                var row = gradients[h].AsSpan(r * _outputs[h], _outputs[h]);
                for (var o = 0; o < row.Length; o++)
                {
                    row[o] *= coefficient;
                }
            }
        }

        headScales.Fill(1f);
        trunkScales.Fill(1f);
        var total = 0.0;
        for (var h = 0; h < _heads.Length; h++)
        {
            total += _meanCoefficients[h] * _losses[h];
        }

        return total;
    }

    /// <inheritdoc/>
    public string DescribeNonFinite()
    {
        var culprit = Array.FindIndex(_losses, loss => !double.IsFinite(loss));
        return culprit >= 0 ? $"loss of head '{_heads[culprit].Name}'" : "the weighted loss";
    }
}
