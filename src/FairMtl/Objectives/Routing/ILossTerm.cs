using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>One loss on one head's outputs for the current batch.</summary>
public interface ILossTerm
{
    /// <summary>What the term is, for divergence messages (e.g. <c>GLF on 'sex'</c>).</summary>
    string Name { get; }

    /// <summary>The term's value for <paramref name="outputs"/>, the batch rows' outputs of head <paramref name="head"/>
    /// (row-major, the head's <see cref="Nn.OutputHead.Outputs"/> per row); OVERWRITES the first <c>outputs.Length</c>
    /// entries of <paramref name="gradient"/> with d(term)/d(outputs).</summary>
    double Compute(ReadOnlySpan<float> outputs, TrainingBatch batch, int head, Span<float> gradient);
}
