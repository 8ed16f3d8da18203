using FairMtl.Spec;
using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The torch engine's own initial weights: the declared initialiser's distribution drawn by torch from a generator
/// seeded with the unit's seed, in the native order of draws (trunk layers, then each head, then the embedding tables),
/// so that the methods of a repetition start from the same trunk on this engine too. Biases and batch normalisation's
/// shift start at 0, its scale at 1, the moving statistics at 0 and 1.
/// </summary>
public static class TorchInitialization
{
    /// <summary>Draws <paramref name="model"/>'s weights (laid out as <paramref name="network"/>'s) from
    /// <paramref name="generator"/>.</summary>
    public static void Initialize(TorchModel model, FairMtl.Nn.MultiHeadNetwork network, Initializer initializer, Generator generator)
    {
        using var _ = no_grad();
        var index = network.Parameters
            .Select((parameter, p) => (parameter, p))
            .ToDictionary(pair => pair.parameter, pair => model.Weights[pair.p]);
        var dense = network.Trunk.Select(block => block.Dense)
            .Concat(network.Heads.SelectMany(head => head.Hidden.Select(block => block.Dense).Append(head.Output)));
        foreach (var layer in dense)
        {
            var weight = index[layer.Weight];
            switch (initializer)
            {
                case Initializer.GlorotUniform:
                    Uniform(weight, Math.Sqrt(6.0 / (layer.Inputs + layer.Outputs)), generator);
                    break;
                case Initializer.HeUniform:
                    Uniform(weight, Math.Sqrt(6.0 / layer.Inputs), generator);
                    break;
                case Initializer.HeNormal:
                    weight.copy_(randn(weight.shape, generator: generator).mul_(TorchScalars.Of(Math.Sqrt(2.0 / layer.Inputs))));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(initializer), initializer, null);
            }

            index[layer.Bias].zero_();
        }

        foreach (var norm in network.Norms)
        {
            index[norm.Gamma].fill_(TorchScalars.Of(1f));
            index[norm.Beta].zero_();
        }

        foreach (var statistics in model.Norms)
        {
            statistics.Mean.zero_();
            statistics.Variance.fill_(TorchScalars.Of(1f));
        }

        foreach (var column in network.Embedding?.Columns ?? [])
        {
            // By the inverse of the normal distribution function on [Phi(-2), Phi(2)], as torch's trunc_normal_ draws.
            var table = index[column.Table];
            var (low, high) = (FairMtl.Evaluation.Statistics.StandardNormal.Cdf(-2), FairMtl.Evaluation.Statistics.StandardNormal.Cdf(2));
            table.copy_(rand(table.shape, generator: generator)
                .mul_(TorchScalars.Of(2 * (high - low))).add_(TorchScalars.Of((2 * low) - 1), TorchScalars.One)
                .erfinv_().mul_(TorchScalars.Of(Math.Sqrt(2) / Math.Sqrt(column.Width)))
                .clamp_(TorchScalars.Of(-2 / Math.Sqrt(column.Width)), TorchScalars.Of(2 / Math.Sqrt(column.Width))));
        }
    }

    /// <summary>U(-limit, limit) from torch's uniform draws on [0, 1) (TorchSharp's <c>uniform_</c> passes its bounds as
    /// implicit scalars: <see cref="TorchScalars"/>).</summary>
    private static void Uniform(Tensor weight, double limit, Generator generator) =>
        weight.copy_(rand(weight.shape, generator: generator).mul_(TorchScalars.Of(2 * limit)).add_(TorchScalars.Of(-limit), TorchScalars.One));
}
