using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Numerics;

namespace FairMtl.Training;

/// <summary>Inference over a whole data part in chunks of the network's batch capacity (evaluation mode).</summary>
public static class Predictor
{
    /// <summary>Predictions of every head for every row: result[head][row] (values or logits), in arrays of the unit
    /// (<see cref="UnitBuffers"/>): read them before the unit ends.</summary>
    public static float[][] Predict(MultiHeadNetwork network, DataPart part) =>
        Predict(network, part, network.Heads.Select(_ => UnitBuffers.Rent<float>(part.Rows)).ToArray());

    /// <summary>
    /// <see cref="Predict(MultiHeadNetwork, DataPart)"/> into <paramref name="outputs"/> (one array of at least
    /// <c>part.Rows</c> per head), allocating nothing: what a validation loss computed every epoch reuses.
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
                Array.Copy(network.Heads[h].Prediction, 0, outputs[h], start, count);
            }
        }

        return outputs;
    }
}
