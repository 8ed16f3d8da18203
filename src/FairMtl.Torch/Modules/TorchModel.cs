using TorchSharp;
using static TorchSharp.torch;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Modules;

/// <summary>
/// A shared-trunk, multi-head network on libtorch: the run-time model of a native network's layout
/// (<see cref="RuntimeModel"/>) or a module the source generator wrote for an experiment. The torch engine trains it
/// through <see cref="Trunk"/> and <see cref="Head"/> (so that a loss can reach a head and the trunk with different
/// factors) and copies its weights to and from the native network by <see cref="Weights"/>.
/// </summary>
public abstract class TorchModel : nn.Module
{
    protected TorchModel(string name)
        : base(name)
    {
    }

    /// <summary>The heads, in the native network's order.</summary>
    public abstract int HeadCount { get; }

    /// <summary>The trainable tensors in the native network's <see cref="FairMtl.Nn.MultiHeadNetwork.Parameters"/> order
    /// (embedding tables, trunk blocks, heads), each holding the native parameter's values in its layout.</summary>
    public abstract IReadOnlyList<TorchParameter> Weights { get; }

    /// <summary>The batch-normalisation layers' moving statistics, in the native network's
    /// <see cref="FairMtl.Nn.MultiHeadNetwork.Norms"/> order.</summary>
    public abstract IReadOnlyList<MovingStatistics> Norms { get; }

    /// <summary>The trunk's output for rows of the data's inputs ([rows x inputs]).</summary>
    public abstract Tensor Trunk(Tensor inputs, TorchPass pass);

    /// <summary>Head <paramref name="head"/>'s outputs ([rows x its outputs]) for the trunk's output.</summary>
    public abstract Tensor Head(int head, Tensor features, TorchPass pass);

    /// <summary>A trainable tensor registered under <paramref name="name"/> (dots become underscores).</summary>
    protected TorchParameter Register(string name, params long[] shape)
    {
        var parameter = new TorchParameter(zeros(shape, ScalarType.Float32), requires_grad: true);
        register_parameter(name.Replace('.', '_').Replace(':', '_'), parameter);
        return parameter;
    }

    /// <summary>The table of embedded column <paramref name="column"/> ([categories x <paramref name="width"/>], registered
    /// under the native parameter's name), or null when <paramref name="network"/> does not embed the column.</summary>
    protected TorchParameter? RegisterTable(FairMtl.Nn.MultiHeadNetwork network, string column, int width)
    {
        var categories = TorchModelLayout.Categories(network, column);
        return categories == 0 ? null : Register("embedding." + column, categories, width);
    }

    /// <summary>Moving statistics of width <paramref name="width"/> registered as buffers (mean 0, variance 1).</summary>
    protected MovingStatistics RegisterNorm(string name, long width)
    {
        var statistics = new MovingStatistics(zeros(width, ScalarType.Float32), ones(width, ScalarType.Float32));
        var key = name.Replace('.', '_');
        register_buffer(key + "_moving_mean", statistics.Mean);
        register_buffer(key + "_moving_variance", statistics.Variance);
        return statistics;
    }
}
