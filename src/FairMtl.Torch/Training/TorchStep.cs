using FairMtl.Nn;
using FairMtl.Objectives;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using FairMtl.Torch.Objectives;
using FairMtl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FairMtl.Torch.Training;

/// <summary>
/// One training step on libtorch. The heads' task losses combined by a weighting (<see cref="HeadLossObjective"/>: the
/// sweeps and baselines) are torch operations end to end, the weighting's coefficients taken at the batch's losses, so
/// torch's autograd differentiates losses, heads, trunk and embeddings; when the model is a compiled experiment's
/// generated one with the weighting as tensor operations (<see cref="ITorchLossWeighting"/>) and the objective is that
/// weighting at a sweep point (<see cref="WeightedLoss"/>), torch differentiates the weighting too. Every other objective
/// of the library has a torch form (<see cref="TorchObjectives"/>: the comparison kinds' routed task and fairness terms,
/// the FairMT constraints) written in torch operations on the heads' outputs: head h's parameters receive the gradient of
/// its heads part, the trunk that of its trunk part with respect to the trunk's output, and a multi-pass objective
/// (FairMT's min-norm combination) has each pass back-propagated and the passes' parameter gradients combined by its
/// native objective. No native hand-written output gradient is back-propagated any more, so the engine keeps no such
/// fallback: an objective without a torch form (an <see cref="IBatchObjective"/> written outside the library) is refused
/// with a <see cref="NotSupportedException"/> at its first step.
/// </summary>
internal sealed class TorchStep : ITrainingStep, IDisposable
{
    private readonly MultiHeadNetwork _network;
    private readonly TorchModel _model;
    private readonly Func<TorchOptimizer> _createOptimizer;
    private readonly float[][] _gradients;
    private readonly float[]?[] _trunkGradients;
    private readonly float[] _headScales;
    private readonly float[] _trunkScales;
    private readonly double[] _losses;
    private readonly double[] _coefficients;
    private readonly HeadSpec[] _heads;
    private readonly ITorchObjective? _generated;
    private TorchOptimizer _optimizer;
    private float[]? _inputs;
    private IBatchObjective? _objective;
    private ITorchObjective _torchObjective = null!;

    /// <param name="network">The unit's native network.</param>
    /// <param name="model">Its torch model.</param>
    /// <param name="createOptimizer">Makes the optimiser (again after a reset).</param>
    /// <param name="generated">A compiled comparison's generated objective, used as the torch form of its routed
    /// objective (<see cref="TorchObjectives.For"/>); null: none.</param>
    public TorchStep(MultiHeadNetwork network, TorchModel model, Func<TorchOptimizer> createOptimizer, ITorchObjective? generated = null)
    {
        _generated = generated;
        _network = network;
        _model = model;
        _createOptimizer = createOptimizer;
        _optimizer = createOptimizer();
        var heads = network.Heads.Length;
        _gradients = network.Heads.Select(head => new float[network.MaxRows * head.Outputs]).ToArray();
        _trunkGradients = new float[]?[heads];
        _headScales = new float[heads];
        _trunkScales = new float[heads];
        _losses = new double[heads];
        _coefficients = new double[heads];
        _heads = network.Heads.Select(head => head.Spec).ToArray();
    }

    /// <summary>The generator of dropout masks (seeded by the trainer for each training call).</summary>
    public Generator? Dropout { get; set; }

    public void ResetOptimizer()
    {
        _optimizer.Dispose();
        _optimizer = _createOptimizer();
    }

    public double Run(ReadOnlySpan<float> inputs, TrainingBatch batch, IBatchObjective objective)
    {
        try
        {
            using var scope = NewDisposeScope();
            _optimizer.ZeroGrad();
            var rows = batch.Rows;
            var x = tensor(Exact(ref _inputs, inputs), [rows, _network.Inputs]);
            var pass = new TorchPass(true, Dropout);
            var total = objective is HeadLossObjective headLosses
                ? HeadLosses(headLosses.Combiner, x, batch, pass)
                : Differentiated(TorchForm(objective), objective, x, batch, pass);
            if (double.IsFinite(total))
            {
                _optimizer.Step();
            }

            return total;
        }
        finally
        {
            TorchScalars.Release();
        }
    }

    public void Dispose() => _optimizer.Dispose();

    /// <summary><paramref name="values"/> in <paramref name="buffer"/>, reallocated only when the length changes (the
    /// last, partial batch of an epoch): torch copies it, so one array serves every full batch.</summary>
    private static float[] Exact(ref float[]? buffer, ReadOnlySpan<float> values)
    {
        if (buffer is null || buffer.Length != values.Length)
        {
            buffer = new float[values.Length];
        }

        values.CopyTo(buffer);
        return buffer;
    }

    public void Publish() => WeightTransfer.ToNative(_model, _network);

    public void Reload() => WeightTransfer.ToTorch(_network, _model);

    /// <summary>sum_h c_h L_h with c_h the combiner's coefficients at the batch's losses: torch differentiates the
    /// losses; or the model's own tensor weighting of the losses (<see cref="ITorchLossWeighting"/>) at the combiner's
    /// sweep point: torch differentiates the weighting as well. The value reported is the combiner's either way (the
    /// trainer's divergence checks read it).</summary>
    private double HeadLosses(ILossCombiner combiner, Tensor x, TrainingBatch batch, TorchPass pass)
    {
        var features = _model.Trunk(x, pass);
        var losses = new Tensor[_model.HeadCount];
        for (var h = 0; h < losses.Length; h++)
        {
            var head = _network.Heads[h].Spec;
            losses[h] = TorchTaskLoss.Compute(head, _model.Head(h, features, pass), Targets(batch, h));
            _losses[h] = losses[h].item<float>();
        }

        var total = combiner.Combine(_losses, _coefficients);
        if (!double.IsFinite(total))
        {
            return total;
        }

        var surrogate = combiner is WeightedLoss weighted && _model is ITorchLossWeighting tensorWeighting
            ? tensorWeighting.Combine(losses, weighted.Variables)
            : Weighted(losses);
        surrogate.backward();
        return total;
    }

    /// <summary>sum_h c_h L_h. Every head's loss enters the sum, a zero coefficient included: every weight gets a
    /// gradient.</summary>
    private Tensor Weighted(Tensor[] losses)
    {
        var surrogate = losses[0].mul(TorchScalars.Of(_coefficients[0]));
        for (var h = 1; h < losses.Length; h++)
        {
            surrogate = TorchScalars.Sum(surrogate, losses[h].mul(TorchScalars.Of(_coefficients[h])));
        }

        return surrogate;
    }

    /// <summary>The torch form of <paramref name="objective"/> (made at its first step).</summary>
    private ITorchObjective TorchForm(IBatchObjective objective)
    {
        if (!ReferenceEquals(objective, _objective))
        {
            _torchObjective = TorchObjectives.For(objective, _network, _generated);
            _objective = objective;
        }

        return _torchObjective;
    }

    /// <summary>
    /// The objective in torch operations: the heads' parameters receive the gradient of its heads part, the trunk that of
    /// its trunk part with respect to the trunk's output (zero when it has none); or, when it asks for several passes,
    /// each pass's, the passes' parameter gradients combined by the objective on the native parameters and given back to
    /// torch's optimiser. A value that is not finite is reported by the native objective as well (evaluated here unless
    /// the torch form has evaluated it), which names the term that diverged.
    /// </summary>
    private double Differentiated(ITorchObjective torchObjective, IBatchObjective objective, Tensor x, TrainingBatch batch, TorchPass pass)
    {
        var features = _model.Trunk(x, pass);
        var detached = features.detach().requires_grad_(true);
        var outputs = new Tensor[_model.HeadCount];
        for (var h = 0; h < outputs.Length; h++)
        {
            outputs[h] = _model.Head(h, detached, pass);
        }

        var parts = torchObjective.Evaluate(outputs, new TorchBatch(batch, _heads));
        if (!double.IsFinite(parts.Value))
        {
            if (!torchObjective.EvaluatesNative)
            {
                WeightTransfer.PredictionsToNative(outputs, _network, batch.Rows);
                objective.Evaluate(_network, batch, _gradients, _headScales, _trunkScales, _trunkGradients);
            }

            return parts.Value;
        }

        if (torchObjective is IMultiPassTorchObjective { Passes: { Count: > 0 } passes } multiPass)
        {
            // Each pass's parameter gradients go to the native parameters for the objective to combine; the combination
            // comes back as the gradients the optimiser applies.
            var parameters = _network.Parameters;
            for (var index = 0; index < passes.Count; index++)
            {
                _optimizer.ZeroGrad();
                Backpropagate(passes[index], features, detached, retain: index < passes.Count - 1);
                for (var p = 0; p < parameters.Count; p++)
                {
                    WeightTransfer.GradientTo(_model.Weights[p], parameters[p].Gradient);
                }

                multiPass.AfterPass(index, parameters);
            }

            WeightTransfer.GradientsToTorch(_network, _model);
            return parts.Value;
        }

        Backpropagate(parts, features, detached, retain: false);
        return parts.Value;
    }

    /// <summary>One backward pass of <paramref name="parts"/>: the heads part into the heads' parameters, the trunk part's
    /// gradient with respect to <paramref name="detached"/> (the trunk's output the heads were run on) through the trunk
    /// (zero without a trunk part, so that the trunk's parameters get a gradient at every step and the optimiser moves
    /// every weight as the native engine's does).</summary>
    private static void Backpropagate(TorchObjectiveParts parts, Tensor features, Tensor detached, bool retain)
    {
        var intoTrunk = parts.Trunk is { } trunk
            ? autograd.grad([trunk], [detached], retain_graph: true)[0]
            : zeros_like(features);
        parts.Heads.backward(retain_graph: retain);
        features.backward([intoTrunk], retain_graph: retain);
    }

    private Tensor Targets(TrainingBatch batch, int head)
    {
        var width = _network.Heads[head].Spec.TargetWidth;
        return tensor(batch.Targets[head].AsSpan(0, batch.Rows * width).ToArray(), [batch.Rows, width]);
    }
}
