using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;

namespace FairMtl.Training;

/// <summary>One head's task loss on the validation part (Keras' <c>val_&lt;head&gt;_loss</c>).</summary>
public sealed class HeadValidationLoss : IValidationLoss
{
    private readonly int _head;
    private readonly DataPart _validation;
    private readonly float[][] _predictions;

    public HeadValidationLoss(MultiHeadNetwork network, string head, DataPart validation)
    {
        _head = network.HeadIndex(head);
        if (_head < 0)
        {
            throw new ArgumentException($"Early stopping monitors head '{head}', which the network does not have.", nameof(head));
        }

        _validation = validation;
        _predictions = network.Heads.Select(h => UnitBuffers.Rent<float>(validation.Rows * h.Outputs)).ToArray();
        Description = $"validation loss of head '{head}'";
    }

    public string Description { get; }

    public double Compute(MultiHeadNetwork network)
    {
        var spec = network.Heads[_head].Spec;
        var predictions = Predictor.Predict(network, _validation, _predictions)[_head];
        return TaskLoss.Compute(spec, predictions, _validation.Targets[spec.Name], Span<float>.Empty, _validation.Rows);
    }
}
