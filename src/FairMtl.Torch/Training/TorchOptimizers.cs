using FairMtl.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FairMtl.Torch.Training;

/// <summary>torch's own optimiser for a spec's: Adam (the same bias-corrected update as the native one), SGD with
/// momentum (torch's form, equal to the native Keras form at a constant rate) and Adagrad (its initial accumulator and
/// epsilon as declared).</summary>
public static class TorchOptimizers
{
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, spec.LearningRate, spec.Beta1, spec.Beta2, spec.Epsilon),
        OptimizerKind.Sgd => optim.SGD(parameters, spec.LearningRate, spec.Momentum),
        OptimizerKind.Adagrad => optim.Adagrad(parameters, spec.LearningRate, initial_accumulator_value: spec.InitialAccumulator, eps: spec.Epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
    };
}
