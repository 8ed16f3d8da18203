using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>
/// The mean binary cross-entropy over the batch rows of one group only (a group-specific head of the task
/// decomposition); 0 with a zero gradient when the batch holds no row of the group.
/// </summary>
public sealed class GroupTaskTerm(string attribute, int group) : ILossTerm
{
    public string Name => $"binary cross-entropy of {attribute} group {group}";

    /// <summary>The attribute whose group the head is for.</summary>
    public string Attribute => attribute;

    /// <summary>The group whose rows the loss looks at.</summary>
    public int Group => group;

    public double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient)
    {
        var groups = batch.Groups[attribute];
        var targets = batch.Targets[head];
        var count = 0;
        for (var i = 0; i < batch.Rows; i++)
        {
            count += groups[i] == group ? 1 : 0;
        }

        var sum = 0.0;
        var inverse = count == 0 ? 0.0 : 1.0 / count;
        for (var i = 0; i < batch.Rows; i++)
        {
            if (groups[i] != group)
            {
                gradient[i] = 0f;
                continue;
            }

            double logit = outputs[i];
            double target = targets[i];
            var e = Math.Exp(-Math.Abs(logit));
            sum += Math.Max(logit, 0.0) - (logit * target) + Math.Log(1.0 + e);
            gradient[i] = (float)((TaskLoss.Sigmoid(logit) - target) * inverse);
        }

        return sum * inverse;
    }
}
