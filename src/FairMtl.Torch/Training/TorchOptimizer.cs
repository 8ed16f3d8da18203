using FairMtl.Spec;
using FairMtl.Torch.Modules;
using static TorchSharp.torch;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Training;

/// <summary>
/// The torch engine's optimisers: torch.optim's update rules (single-tensor form, no weight decay) written with torch
/// operations whose scalars are held by <see cref="TorchScalars"/>. TorchSharp's own optimisers pass numbers as
/// implicit scalars, which its finalizer can free while libtorch reads them when another thread collects
/// (dotnet/TorchSharp#1434: the process dies).
/// </summary>
internal abstract class TorchOptimizer : IDisposable
{
    protected TorchOptimizer(IReadOnlyList<TorchParameter> parameters) => Parameters = parameters;

    protected IReadOnlyList<TorchParameter> Parameters { get; }

    /// <summary>The optimiser a spec asks for: Adam (bias-corrected, as the native one), SGD with momentum (torch's form,
    /// equal to the native Keras form at a constant rate) or Adagrad (initial accumulator and epsilon as declared).</summary>
    public static TorchOptimizer Create(OptimizerSpec spec, IReadOnlyList<TorchParameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(parameters, spec.LearningRate, spec.Beta1, spec.Beta2, spec.Epsilon),
        OptimizerKind.Sgd => new SgdOptimizer(parameters, spec.LearningRate, spec.Momentum),
        OptimizerKind.Adagrad => new AdagradOptimizer(parameters, spec.LearningRate, spec.InitialAccumulator, spec.Epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
    };

    /// <summary>Zeroes every parameter's gradient (the next backward pass accumulates into it).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One update of every parameter from its gradient.</summary>
    public void Step()
    {
        using var _ = no_grad();
        StepParameters();
    }

    public void Dispose() => DisposeState();

    protected abstract void StepParameters();

    protected abstract void DisposeState();

    /// <summary>Zero tensors shaped as the parameters, plus <paramref name="initial"/>.</summary>
    protected Tensor[] State(double initial = 0)
    {
        var state = new Tensor[Parameters.Count];
        for (var p = 0; p < state.Length; p++)
        {
            state[p] = zeros_like(Parameters[p]).DetachFromDisposeScope();
            if (initial != 0)
            {
                state[p].fill_(TorchScalars.Of(initial));
            }
        }

        return state;
    }

    protected static void Dispose(Tensor[] state)
    {
        foreach (var tensor in state)
        {
            tensor.Dispose();
        }
    }
}
