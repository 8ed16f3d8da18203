using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;

namespace FairMtl.Training;

/// <summary>Inference over a whole data part in chunks of the network's batch capacity (evaluation mode).</summary>
public static class Predictor
{
    /// <summary>
    /// The raw outputs of every head for every row (values or logits, before any sigmoid or softmax): result[head] holds
    /// <c>part.Rows</c> times the head's <see cref="OutputHead.Outputs"/> values, row-major (row r's outputs at
    /// <c>r * Outputs .. r * Outputs + Outputs - 1</c>; one per row for single-output heads), in arrays of the unit
    /// (<see cref="UnitBuffers"/>): read them before the unit ends.
    /// </summary>
    public static float[][] Predict(MultiHeadNetwork network, DataPart part) =>
        Predict(network, part, network.Heads.Select(head => UnitBuffers.Rent<float>(part.Rows * head.Outputs)).ToArray());

    /// <summary>
    /// <see cref="Predict(MultiHeadNetwork, DataPart)"/> into <paramref name="outputs"/> (one array of at least
    /// <c>part.Rows</c> times the head's outputs per head), allocating nothing: what a validation loss computed every
    /// epoch reuses.
    /// </summary>
    public static float[][] Predict(MultiHeadNetwork network, DataPart part, float[][] outputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(outputs);
        var features = part.Features;
        for (var start = 0; start < part.Rows; start += network.MaxRows)
        {
            var count = Math.Min(network.MaxRows, part.Rows - start);
            network.Forward(part.X.AsSpan(start * features, count * features), count, training: false, null);
            for (var h = 0; h < outputs.Length; h++)
            {
                var width = network.Heads[h].Outputs;
                Array.Copy(network.Heads[h].Prediction, 0, outputs[h], start * width, count * width);
            }
        }

        return outputs;
    }
}
