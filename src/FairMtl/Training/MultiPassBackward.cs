using FairMtl.Nn;

namespace FairMtl.Training;

/// <summary>A multi-pass objective's backward passes on the native network.</summary>
public static class MultiPassBackward
{
    /// <summary>Runs <paramref name="objective"/>'s passes for the last forward pass of <paramref name="rows"/> rows of
    /// <paramref name="input"/>, each followed by its <see cref="IMultiPassObjective.AfterPass"/>.</summary>
    public static void Run(MultiHeadNetwork network, ReadOnlySpan<float> input, int rows, IMultiPassObjective objective)
    {
        for (var pass = 0; pass < objective.Passes; pass++)
        {
            var (gradients, headScales, trunkScales, trunkGradients) = objective.Pass(pass);
            network.Backward(input, rows, gradients, headScales, trunkScales, trunkGradients);
            objective.AfterPass(pass, network.Parameters);
        }
    }
}
