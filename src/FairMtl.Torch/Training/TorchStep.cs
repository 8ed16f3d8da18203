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
/// weighting at a sweep point (<see cref="WeightedLoss"/>), torch differentiates the weighting too. Any other objective
/// (the comparison kinds' routed task and fairness terms, the FairMT constraints) is evaluated on the heads' outputs as
/// the native engine evaluates it, and its per-head output gradients are back-propagated by torch with the same routing:
/// head h's parameters receive its gradient times its head factor, the trunk the (possibly different) trunk gradient
/// times its trunk factor.
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
    private TorchOptimizer _optimizer;
    private float[]? _inputs;
    private IBatchObjective? _objective;
    private ITorchObjective? _torchObjective;
    private readonly ITorchObjective? _generated;

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
                : TorchForm(objective) is { } torchObjective
                    ? Differentiated(torchObjective, objective, x, batch, pass)
                    : Routed(objective, x, batch, pass);
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

    /// <summary>The torch form of <paramref name="objective"/> (made at its first step), or null.</summary>
    private ITorchObjective? TorchForm(IBatchObjective objective)
    {
        if (!ReferenceEquals(objective, _objective))
        {
            _objective = objective;
            _torchObjective = TorchObjectives.For(objective, _generated);
        }

        return _torchObjective;
    }

    /// <summary>
    /// The objective in torch operations: the heads' parameters receive the gradient of its heads part, the trunk that of
    /// its trunk part with respect to the trunk's output (zero when it has none). A value that is not finite is
    /// reported by the native objective as well, which names the term that diverged.
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
            CopyPredictions(outputs, batch.Rows);
            objective.Evaluate(_network, batch, _gradients, _headScales, _trunkScales, _trunkGradients);
            return parts.Value;
        }

        var intoTrunk = parts.Trunk is { } trunk
            ? autograd.grad([trunk], [detached], retain_graph: true)[0]
            : zeros_like(features);
        parts.Heads.backward();
        features.backward([intoTrunk]);
        return parts.Value;
    }

    /// <summary>The heads' outputs into the native heads' predictions (what the native objectives read).</summary>
    private void CopyPredictions(Tensor[] outputs, int rows)
    {
        for (var h = 0; h < outputs.Length; h++)
        {
            var head = _network.Heads[h];
            outputs[h].detach().contiguous().data<float>().CopyTo(head.Prediction.AsSpan(0, rows * head.Outputs));
        }
    }

    /// <summary>The objective on the heads' outputs (copied into the native heads' predictions), its output gradients
    /// back-propagated with their head and trunk factors.</summary>
    private double Routed(IBatchObjective objective, Tensor x, TrainingBatch batch, TorchPass pass)
    {
        var rows = batch.Rows;
        var features = _model.Trunk(x, pass);
        var detached = features.detach().requires_grad_(true);
        var outputs = new Tensor[_model.HeadCount];
        for (var h = 0; h < outputs.Length; h++)
        {
            outputs[h] = _model.Head(h, detached, pass);
        }

        CopyPredictions(outputs, rows);
        var total = objective.Evaluate(_network, batch, _gradients, _headScales, _trunkScales, _trunkGradients);
        if (!double.IsFinite(total))
        {
            return total;
        }

        if (objective is IMultiPassObjective { OwnsBackward: true } multiPass)
        {
            // Each pass's parameter gradients go to the native parameters for the objective to combine; the combination
            // comes back as the gradients the optimiser applies.
            var parameters = _network.Parameters;
            for (var index = 0; index < multiPass.Passes; index++)
            {
                _optimizer.ZeroGrad();
                var (gradients, headScales, trunkScales, trunkGradients) = multiPass.Pass(index);
                Backpropagate(features, detached, outputs, rows, gradients, headScales, trunkScales, trunkGradients, retain: index < multiPass.Passes - 1);
                for (var p = 0; p < parameters.Count; p++)
                {
                    WeightTransfer.GradientTo(_model.Weights[p], parameters[p].Gradient);
                }

                multiPass.AfterPass(index, parameters);
            }

            WeightTransfer.GradientsToTorch(_network, _model);
            return total;
        }

        Backpropagate(features, detached, outputs, rows, _gradients, _headScales, _trunkScales, _trunkGradients, retain: false);
        return total;
    }

    /// <summary>
    /// One routed backward pass: head h's parameters receive <paramref name="gradients"/>[h] times its head factor, the
    /// trunk (through <paramref name="detached"/>, the trunk's output the heads were run on) the trunk gradient times
    /// its trunk factor. Every head's output enters the head part, a zero factor included, and the trunk always gets a
    /// (possibly zero) gradient: every weight gets a gradient, so the optimiser updates every weight at every step as
    /// the native engine's does (Adam's moments move on).
    /// </summary>
    private void Backpropagate(
        Tensor features,
        Tensor detached,
        Tensor[] outputs,
        int rows,
        float[][] gradients,
        ReadOnlySpan<float> headScales,
        ReadOnlySpan<float> trunkScales,
        float[]?[]? ownTrunkGradients,
        bool retain)
    {
        Tensor? surrogate = null;
        var trunkOutputs = new List<Tensor>();
        var trunkGradients = new List<Tensor>();
        for (var h = 0; h < outputs.Length; h++)
        {
            var width = _network.Heads[h].Outputs;
            var gradient = tensor(gradients[h].AsSpan(0, rows * width).ToArray(), [rows, width]);
            var part = outputs[h].mul(gradient).sum().mul(TorchScalars.Of(headScales[h]));
            surrogate = surrogate is null ? part : TorchScalars.Sum(surrogate, part);
            if (trunkScales[h] != 0f)
            {
                var trunkGradient = ownTrunkGradients?[h] is { } own ? tensor(own.AsSpan(0, rows * width).ToArray(), [rows, width]) : gradient;
                trunkOutputs.Add(outputs[h]);
                trunkGradients.Add(trunkGradient.mul(TorchScalars.Of(trunkScales[h])));
            }
        }

        var intoTrunk = trunkOutputs.Count == 0
            ? zeros_like(features)
            : autograd.grad(trunkOutputs, [detached], trunkGradients, retain_graph: true)[0];
        surrogate!.backward(retain_graph: retain);
        features.backward([intoTrunk], retain_graph: retain);
    }

    private Tensor Targets(TrainingBatch batch, int head)
    {
        var width = _network.Heads[head].Spec.TargetWidth;
        return tensor(batch.Targets[head].AsSpan(0, batch.Rows * width).ToArray(), [batch.Rows, width]);
    }
}
