using FairMtl.Nn;
using FairMtl.Spec;
using static TorchSharp.torch;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Modules;

/// <summary>
/// The torch model of a native network's layout, built at run time: what trains an experiment read from a YAML file
/// outside the build (a compiled experiment may bring its generated module instead). Embeddings, trunk blocks (dense,
/// batch normalisation, activation, dropout) and heads (hidden blocks, output layer) as <see cref="MultiHeadNetwork"/>
/// has them, through <see cref="TorchLayers"/>.
/// </summary>
public sealed class RuntimeModel : TorchModel
{
    private readonly EmbeddingSegment[] _embedding;
    private readonly Tensor[] _tables;
    private readonly Block[] _trunk;
    private readonly (Block[] Hidden, TorchParameter Weight, TorchParameter Bias)[] _heads;
    private readonly List<TorchParameter> _weights = [];
    private readonly List<MovingStatistics> _norms = [];

    public RuntimeModel(MultiHeadNetwork network)
        : base("fairmtl_runtime_model")
    {
        var embedding = network.Embedding;
        _embedding = embedding is null ? [] : EmbeddingSegment.Of(embedding);
        _tables = embedding is null
            ? []
            : embedding.Columns.Select(column => (Tensor)Add(column.Table.Name, column.Categories, column.Width)).ToArray();
        _trunk = network.Trunk.Select(block => Describe(block)).ToArray();
        _heads = network.Heads
            .Select(head => (
                head.Hidden.Select(block => Describe(block)).ToArray(),
                Add(head.Output.Weight.Name, head.Output.Inputs, head.Output.Outputs),
                Add(head.Output.Bias.Name, head.Output.Outputs)))
            .ToArray();
        if (_weights.Count != network.Parameters.Count)
        {
            throw new InvalidOperationException($"The torch model has {_weights.Count} tensors, the native network {network.Parameters.Count} parameters.");
        }
    }

    public override int HeadCount => _heads.Length;

    public override IReadOnlyList<TorchParameter> Weights => _weights;

    public override IReadOnlyList<MovingStatistics> Norms => _norms;

    public override Tensor Trunk(Tensor inputs, TorchPass pass)
    {
        var x = _tables.Length == 0 ? inputs : TorchLayers.Embed(inputs, _embedding, _tables);
        foreach (var block in _trunk)
        {
            x = block.Forward(x, pass);
        }

        return x;
    }

    public override Tensor Head(int head, Tensor features, TorchPass pass)
    {
        var (hidden, weight, bias) = _heads[head];
        var x = features;
        foreach (var block in hidden)
        {
            x = block.Forward(x, pass);
        }

        return TorchLayers.Dense(x, weight, bias);
    }

    private Block Describe(HiddenBlock block)
    {
        var weight = Add(block.Dense.Weight.Name, block.Dense.Inputs, block.Dense.Outputs);
        var bias = Add(block.Dense.Bias.Name, block.Dense.Outputs);
        if (block.Norm is not { } norm)
        {
            return new Block(weight, bias, null, null, null, block.Activation, block.DropoutRate);
        }

        var gamma = Add(norm.Gamma.Name, norm.Width);
        var beta = Add(norm.Beta.Name, norm.Width);
        var moving = RegisterNorm(block.Dense.Weight.Name + ".bn", norm.Width);
        _norms.Add(moving);
        return new Block(weight, bias, gamma, beta, moving, block.Activation, block.DropoutRate);
    }

    private TorchParameter Add(string name, params long[] shape)
    {
        var parameter = Register(name, shape);
        _weights.Add(parameter);
        return parameter;
    }

    /// <summary>Dense -> optional batch normalisation -> activation -> optional dropout.</summary>
    private sealed record Block(
        Tensor Weight, Tensor Bias, Tensor? Gamma, Tensor? Beta, MovingStatistics? Moving, Activation Activation, float Dropout)
    {
        public Tensor Forward(Tensor x, TorchPass pass)
        {
            var y = TorchLayers.Dense(x, Weight, Bias);
            if (Moving is not null)
            {
                y = TorchLayers.BatchNorm(y, Gamma!, Beta!, Moving, pass);
            }

            return TorchLayers.Dropout(TorchLayers.Activate(y, Activation), Dropout, pass);
        }
    }
}
