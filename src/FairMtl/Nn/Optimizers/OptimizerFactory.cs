using FairMtl.Spec;

namespace FairMtl.Nn.Optimizers;

/// <summary>Builds the optimiser a spec asks for.</summary>
public static class OptimizerFactory
{
    public static IOptimizer Create(OptimizerSpec spec, IReadOnlyList<Parameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Adam => new Adam(parameters, spec.LearningRate, spec.Beta1, spec.Beta2, spec.Epsilon),
        OptimizerKind.Sgd => new Sgd(parameters, spec.LearningRate, spec.Momentum),
        OptimizerKind.Adagrad => new Adagrad(parameters, spec.LearningRate, spec.InitialAccumulator, spec.Epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
    };
}
