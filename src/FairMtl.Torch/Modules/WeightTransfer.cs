using FairMtl.Nn;
using static TorchSharp.torch;

namespace FairMtl.Torch.Modules;

/// <summary>Copies weights and moving statistics between a native network and its torch model (same layouts, element
/// for element), and the torch heads' outputs into the native heads' predictions.</summary>
public static class WeightTransfer
{
    /// <summary>The native network's weights and moving statistics into the torch model.</summary>
    public static void ToTorch(MultiHeadNetwork network, TorchModel model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var parameters = network.Parameters;
        for (var p = 0; p < parameters.Count; p++)
        {
            Load(model.Weights[p], parameters[p].Value);
        }

        var norms = network.Norms.ToArray();
        for (var n = 0; n < norms.Length; n++)
        {
            Load(model.Norms[n].Mean, norms[n].MovingMean);
            Load(model.Norms[n].Variance, norms[n].MovingVariance);
        }
    }

    /// <summary>Each head's outputs of the first <paramref name="rows"/> batch rows into the native head's predictions
    /// (what the native objectives read).</summary>
    public static void PredictionsToNative(IReadOnlyList<Tensor> outputs, MultiHeadNetwork network, int rows)
    {
        for (var h = 0; h < outputs.Count; h++)
        {
            var head = network.Heads[h];
            outputs[h].detach().contiguous().data<float>().CopyTo(head.Prediction.AsSpan(0, rows * head.Outputs));
        }
    }

    /// <summary>The torch model's weights and moving statistics into the native network.</summary>
    public static void ToNative(TorchModel model, MultiHeadNetwork network)
    {
        var parameters = network.Parameters;
        for (var p = 0; p < parameters.Count; p++)
        {
            Store(model.Weights[p], parameters[p].Value);
        }

        var norms = network.Norms.ToArray();
        for (var n = 0; n < norms.Length; n++)
        {
            Store(model.Norms[n].Mean, norms[n].MovingMean);
            Store(model.Norms[n].Variance, norms[n].MovingVariance);
        }
    }

    /// <summary>The native parameters' gradients into the torch model's (which the last backward pass created).</summary>
    public static void GradientsToTorch(MultiHeadNetwork network, TorchModel model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var parameters = network.Parameters;
        for (var p = 0; p < parameters.Count; p++)
        {
            var grad = model.Weights[p].grad ?? throw new InvalidOperationException($"{parameters[p].Name} has no torch gradient to replace.");
            Load(grad, parameters[p].Gradient);
        }
    }

    /// <summary>The tensor's gradient into <paramref name="target"/> (zeros when it has none).</summary>
    public static void GradientTo(Tensor parameter, float[] target)
    {
        if (parameter.grad is { } grad)
        {
            Store(grad, target);
        }
        else
        {
            Array.Clear(target);
        }
    }

    private static void Load(Tensor target, float[] values)
    {
        Check(target, values);
        target.copy_(tensor(values, target.shape));
    }

    private static void Store(Tensor source, float[] values)
    {
        Check(source, values);
        source.contiguous().data<float>().CopyTo(values);
    }

    private static void Check(Tensor tensor, float[] values)
    {
        if (tensor.numel() != values.Length)
        {
            throw new InvalidOperationException($"A torch tensor of {tensor.numel()} elements against a native one of {values.Length}.");
        }
    }
}
