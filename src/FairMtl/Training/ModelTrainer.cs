using FairMtl.Data;
using FairMtl.Nn.Optimizers;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>
/// Mini-batch training of one network on the training part: reshuffled batches every epoch (the last partial batch
/// is kept), an <see cref="IBatchObjective"/> turning the heads' outputs into routed gradients, and optional
/// Keras-style early stopping or best-epoch selection on a validation loss.
/// </summary>
public sealed class ModelTrainer
{
    private readonly MultiHeadNetwork _network;
    private readonly DataPart _train;
    private readonly DataPart _validation;
    private readonly int _batchSize;
    private readonly float[][] _trainTargets;
    private readonly int[] _targetWidths;
    private readonly (int[] Source, int[] Batch)[] _trainGroups;
    private readonly float[] _batchInputs;
    private readonly TrainingBatch _batch;
    private readonly float[][] _gradients;
    private readonly float[]?[] _trunkGradients;
    private readonly float[] _headScales;
    private readonly float[] _trunkScales;
    private readonly int[] _order;
    private NetworkSnapshot? _best;
    private HeadLossObjective? _headLosses;
    private SparseRowMatrix? _sparseTrain;
    private bool _sparseTrainRead;

    public ModelTrainer(MultiHeadNetwork network, DataPart train, DataPart validation, int batchSize)
    {
        _network = network;
        _train = train;
        _validation = validation;
        _batchSize = Math.Min(batchSize, network.MaxRows);
        var heads = network.Heads.Length;
        _trainTargets = network.Heads.Select(head => train.Targets[head.Spec.Name]).ToArray();
        _targetWidths = network.Heads.Select(head => head.Spec.TargetWidth).ToArray();
        var groups = new Dictionary<string, int[]>(StringComparer.Ordinal);
        _trainGroups = (train.Groups ?? new Dictionary<string, int[]>())
            .Select(pair =>
            {
                var batchGroups = UnitBuffers.Rent<int>(_batchSize);
                groups[pair.Key] = batchGroups;
                return (pair.Value, batchGroups);
            })
            .ToArray();
        _batchInputs = UnitBuffers.Rent<float>(_batchSize * train.Features);
        _batch = new TrainingBatch(_targetWidths.Select(width => UnitBuffers.Rent<float>(_batchSize * width)).ToArray(), groups);
        _gradients = network.Heads.Select(head => UnitBuffers.Rent<float>(_batchSize * head.Outputs)).ToArray();
        _trunkGradients = new float[]?[heads];
        _headScales = UnitBuffers.Rent<float>(heads);
        _trunkScales = UnitBuffers.Rent<float>(heads);
        _order = UnitBuffers.Rent<int>(train.Rows);
    }

    /// <summary>Writes the conditioning inputs of a loss-conditional network into every batch (null: none).</summary>
    public IBatchConditioner? Conditioner { get; init; }

    /// <summary>
    /// Whether native steps of a network whose first layer takes sparse input (<see cref="MultiHeadNetwork.AcceptsSparseBatch"/>)
    /// get each batch as the sampled rows' non-zero entries, read once from the training inputs, instead of the rows
    /// gathered and scanned at every step: the same results bit for bit (true; false for the tests that show it).
    /// </summary>
    internal bool SparseBatches { get; init; } = true;

    /// <summary>Trains with the heads' task losses combined by <paramref name="objective"/> and optional early
    /// stopping on a head's validation loss.</summary>
    public TrainingOutcome Train(
        IOptimizer optimizer,
        ILossCombiner objective,
        int epochs,
        EarlyStoppingSpec? earlyStopping,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken) =>
        Loop(optimizer, null, HeadLosses(objective), epochs, Selection(earlyStopping), shuffle, dropout, cancellationToken);

    /// <summary>As <see cref="Train(IOptimizer, ILossCombiner, int, EarlyStoppingSpec?, DeterministicRandom, DeterministicRandom, CancellationToken)"/>,
    /// each step taken by another engine's <paramref name="step"/>.</summary>
    public TrainingOutcome Train(
        ITrainingStep step,
        ILossCombiner objective,
        int epochs,
        EarlyStoppingSpec? earlyStopping,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken) =>
        Loop(null, step, HeadLosses(objective), epochs, Selection(earlyStopping), shuffle, dropout, cancellationToken);

    /// <summary>Trains for up to <paramref name="epochs"/> epochs; stops early on divergence (a non-finite loss).</summary>
    public TrainingOutcome Train(
        IOptimizer optimizer,
        IBatchObjective objective,
        int epochs,
        EpochSelection? selection,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken) =>
        Loop(optimizer, null, objective, epochs, selection, shuffle, dropout, cancellationToken);

    /// <summary>As <see cref="Train(IOptimizer, IBatchObjective, int, EpochSelection?, DeterministicRandom, DeterministicRandom, CancellationToken)"/>,
    /// each step taken by another engine's <paramref name="step"/>: the same batches in the same order, the same epoch
    /// selection on the native network (which the step publishes its weights to first).</summary>
    public TrainingOutcome Train(
        ITrainingStep step,
        IBatchObjective objective,
        int epochs,
        EpochSelection? selection,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken) =>
        Loop(null, step, objective, epochs, selection, shuffle, dropout, cancellationToken);

    private EpochSelection? Selection(EarlyStoppingSpec? earlyStopping) => earlyStopping is null
        ? null
        : new EpochSelection(
            new HeadValidationLoss(_network, earlyStopping.Monitor, _validation), earlyStopping.Patience, earlyStopping.MinDelta, earlyStopping.RestoreBest);

    private HeadLossObjective HeadLosses(ILossCombiner combiner)
    {
        _headLosses ??= new HeadLossObjective(_network, combiner);
        _headLosses.Combiner = combiner;
        return _headLosses;
    }

    /// <summary>The epochs: native steps with <paramref name="optimizer"/>, or <paramref name="step"/>'s.</summary>
    private TrainingOutcome Loop(
        IOptimizer? optimizer,
        ITrainingStep? step,
        IBatchObjective objective,
        int epochs,
        EpochSelection? selection,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken)
    {
        var best = double.PositiveInfinity;
        var wait = 0;
        var steps = 0L;
        var epoch = 0;
        var rows = _train.Rows;
        var features = _train.Features;
        var sparse = step is null && Conditioner is null ? SparseTrain() : null;
        while (epoch < epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < rows; i++)
            {
                _order[i] = i;
            }

            shuffle.Shuffle(_order);
            for (var start = 0; start < rows; start += _batchSize)
            {
                var count = Math.Min(_batchSize, rows - start);
                if (sparse is not null && _network.PreloadSparseBatch(sparse, _order.AsSpan(start, count)))
                {
                    GatherTargets(start, count);
                }
                else
                {
                    Gather(start, count, features);
                }

                Conditioner?.Condition(_batchInputs.AsSpan(0, count * features), count, features);
                var total = step is null
                    ? NativeStep(optimizer!, objective, count, dropout)
                    : step.Run(_batchInputs.AsSpan(0, count * features), _batch, objective);
                if (!double.IsFinite(total))
                {
                    step?.Publish();
                    return new TrainingOutcome(
                        epoch + 1, steps, $"training diverged: {objective.DescribeNonFinite()} became {Describe(total)} at epoch {epoch + 1}, step {steps + 1}");
                }

                steps++;
            }

            epoch++;
            if (selection is null)
            {
                continue;
            }

            step?.Publish();
            var loss = selection.Loss.Compute(_network);
            if (!double.IsFinite(loss))
            {
                return new TrainingOutcome(epoch, steps, $"{selection.Loss.Description} became {Describe(loss)} after epoch {epoch}");
            }

            if (loss < best - selection.MinDelta)
            {
                best = loss;
                wait = 0;
                if (selection.RestoreBest)
                {
                    _best ??= new NetworkSnapshot(_network);
                    _best.Capture(_network);
                }
            }
            else if (++wait >= selection.Patience)
            {
                break;
            }
        }

        if (selection is { RestoreBest: true } && _best is not null)
        {
            _best.Restore(_network);
            step?.Reload();
        }
        else
        {
            step?.Publish();
        }

        return new TrainingOutcome(epoch, steps, null);
    }

    /// <summary>One native step: forward, the objective's routed gradients, backward, the optimiser; the objective's
    /// value (non-finite: nothing was updated).</summary>
    private double NativeStep(IOptimizer optimizer, IBatchObjective objective, int count, DeterministicRandom dropout)
    {
        _network.Forward(_batchInputs, count, training: true, dropout);
        var total = objective.Evaluate(_network, _batch, _gradients, _headScales, _trunkScales, _trunkGradients);
        if (!double.IsFinite(total))
        {
            return total;
        }

        if (objective is IMultiPassObjective { OwnsBackward: true } multiPass)
        {
            MultiPassBackward.Run(_network, _batchInputs, count, multiPass);
        }
        else
        {
            _network.Backward(_batchInputs, count, _gradients, _headScales, _trunkScales, _trunkGradients);
        }

        optimizer.Step();
        return total;
    }

    /// <summary>The training inputs' non-zero entries, read at the first call; null when the network cannot take them
    /// or the inputs are too dense for the sparse products.</summary>
    private SparseRowMatrix? SparseTrain()
    {
        if (!_sparseTrainRead)
        {
            _sparseTrainRead = true;
            _sparseTrain = SparseBatches && _network.AcceptsSparseBatch
                ? SparseRowMatrix.From(_train.X, _train.Rows, _train.Features, SparseRows.MaxDensity)
                : null;
        }

        return _sparseTrain;
    }

    /// <summary>The batch's input rows, targets and groups.</summary>
    private void Gather(int start, int count, int features)
    {
        var inputs = _train.X.AsSpan();
        var batch = _batchInputs.AsSpan();
        for (var r = 0; r < count; r++)
        {
            inputs.Slice(_order[start + r] * features, features).CopyTo(batch.Slice(r * features, features));
        }

        GatherTargets(start, count);
    }

    /// <summary>The batch's targets and groups (its inputs are preloaded or gathered apart).</summary>
    private void GatherTargets(int start, int count)
    {
        var targets = _batch.Targets;
        for (var r = 0; r < count; r++)
        {
            var row = _order[start + r];
            for (var h = 0; h < _trainTargets.Length; h++)
            {
                var width = _targetWidths[h];
                _trainTargets[h].AsSpan(row * width, width).CopyTo(targets[h].AsSpan(r * width, width));
            }

            foreach (var (source, batchGroups) in _trainGroups)
            {
                batchGroups[r] = source[row];
            }
        }

        _batch.Rows = count;
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : "infinite";
}
