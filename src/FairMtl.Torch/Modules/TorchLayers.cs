using FairMtl.Nn;
using FairMtl.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The native engine's layers as torch operations, for the run-time model and the generated ones alike: the same
/// layouts (a dense weight is [inputs x outputs], y = x W + b), the same batch normalisation (Keras' momentum and
/// epsilon, biased batch variance), inverted dropout with masks from the pass's own generator. Gradients are torch's.
/// </summary>
public static class TorchLayers
{
    /// <summary>x W + b.</summary>
    public static Tensor Dense(Tensor x, Tensor weight, Tensor bias) => addmm(bias, x, weight, 1f, 1f);

    /// <summary>The activation of a hidden block.</summary>
    public static Tensor Activate(Tensor x, Activation activation) => activation switch
    {
        Activation.Relu => nn.functional.relu(x),
        Activation.Tanh => x.tanh(),
        Activation.Linear => x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>Inverted dropout while training: each unit kept with probability 1 - <paramref name="rate"/> and then
    /// scaled by 1 / (1 - rate); unchanged otherwise.</summary>
    public static Tensor Dropout(Tensor x, float rate, TorchPass pass)
    {
        if (rate == 0f || !pass.Training || pass.Dropout is null)
        {
            return x;
        }

        var keep = 1f - rate;
        var mask = rand(x.shape, generator: pass.Dropout).lt(TorchScalars.Of(keep)).to_type(ScalarType.Float32).mul(TorchScalars.Of(1f / keep));
        return x.mul(mask);
    }

    /// <summary>Batch normalisation over the rows: batch statistics while training (and the moving ones updated as
    /// m = 0.99 m + 0.01 batch), the moving statistics otherwise.</summary>
    public static Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, MovingStatistics moving, TorchPass pass)
    {
        Tensor mean;
        Tensor variance;
        if (pass.Training)
        {
            mean = x.mean([0L]);
            var centred = x.sub(mean);
            variance = centred.mul(centred).mean([0L]);
            using (no_grad())
            {
                var momentum = TorchScalars.Of(BatchNormalization.Momentum);
                var rest = TorchScalars.Of(1f - BatchNormalization.Momentum);
                moving.Mean.mul_(momentum).add_(mean.detach(), rest);
                moving.Variance.mul_(momentum).add_(variance.detach(), rest);
            }
        }
        else
        {
            mean = moving.Mean;
            variance = moving.Variance;
        }

        return TorchScalars.Sum(x.sub(mean).mul(TorchScalars.Sum(variance, TorchScalars.Of(BatchNormalization.Epsilon)).rsqrt()).mul(gamma), beta);
    }

    /// <summary>
    /// The inputs with each embedded column's one-hot inputs replaced by their product with its table (row k for
    /// category k), in input order (<see cref="InputEmbedding"/>): <paramref name="layout"/> lists the runs of
    /// pass-through inputs and the embedded columns.
    /// </summary>
    public static Tensor Embed(Tensor x, IReadOnlyList<EmbeddingSegment> layout, IReadOnlyList<Tensor> tables)
    {
        var parts = new Tensor[layout.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = layout[i];
            var inputs = x.narrow(1, segment.First, segment.Count);
            parts[i] = segment.Table < 0 ? inputs : inputs.matmul(tables[segment.Table]);
        }

        return parts.Length == 1 ? parts[0] : cat(parts, 1);
    }
}

/// <summary>A run of <see cref="Count"/> inputs from <see cref="First"/>: passed through (<see cref="Table"/> -1) or
/// one embedded column's one-hot inputs, multiplied by table <see cref="Table"/>.</summary>
public readonly record struct EmbeddingSegment(int First, int Count, int Table)
{
    /// <summary>The segments of <paramref name="embedding"/>'s inputs.</summary>
    public static EmbeddingSegment[] Of(InputEmbedding embedding)
    {
        var segments = new List<EmbeddingSegment>();
        var columns = embedding.Columns;
        var next = 0;
        for (var i = 0; i < embedding.Inputs;)
        {
            if (next < columns.Count && columns[next].First == i)
            {
                segments.Add(new EmbeddingSegment(i, columns[next].Categories, next));
                i += columns[next++].Categories;
                continue;
            }

            var end = next < columns.Count ? columns[next].First : embedding.Inputs;
            segments.Add(new EmbeddingSegment(i, end - i, -1));
            i = end;
        }

        return segments.ToArray();
    }
}
