using FairMtl.Data;
using FairMtl.Nn;
using FairMtl.Nn.Optimizers;
using FairMtl.Numerics;
using FairMtl.Objectives;
using FairMtl.Spec;

namespace FairMtl.Training;

/// <summary>
/// Mini-batch training of one network on the training part: reshuffled batches every epoch (the last partial batch
/// is kept), the heads' losses combined by an <see cref="ILossCombiner"/>, and optional Keras-style early stopping
/// on a head's validation loss.
/// </summary>
public sealed class ModelTrainer
{
    private readonly MultiHeadNetwork _network;
    private readonly DataPart _train;
    private readonly DataPart _validation;
    private readonly int _batchSize;
    private readonly HeadTask[] _tasks;
    private readonly float[][] _trainTargets;
    private readonly float[] _batchInputs;
    private readonly float[][] _batchTargets;
    private readonly float[][] _gradients;
    private readonly double[] _losses;
    private readonly double[] _coefficients;
    private readonly float[] _headScales;
    private readonly float[] _trunkScales;
    private readonly int[] _order;
    private NetworkSnapshot? _best;

    public ModelTrainer(MultiHeadNetwork network, DataPart train, DataPart validation, int batchSize)
    {
        _network = network;
        _train = train;
        _validation = validation;
        _batchSize = Math.Min(batchSize, network.MaxRows);
        var heads = network.Heads.Length;
        _tasks = network.Heads.Select(head => head.Spec.Task).ToArray();
        _trainTargets = network.Heads.Select(head => train.Targets[head.Spec.Name]).ToArray();
        _batchInputs = new float[_batchSize * train.Features];
        _batchTargets = Enumerable.Range(0, heads).Select(_ => new float[_batchSize]).ToArray();
        _gradients = Enumerable.Range(0, heads).Select(_ => new float[_batchSize]).ToArray();
        _losses = new double[heads];
        _coefficients = new double[heads];
        _headScales = new float[heads];
        _trunkScales = new float[heads];
        _order = new int[train.Rows];
    }

    /// <summary>Trains for up to <paramref name="epochs"/> epochs; stops early on divergence (a non-finite loss).</summary>
    public TrainingOutcome Train(
        IOptimizer optimizer,
        ILossCombiner objective,
        int epochs,
        EarlyStoppingSpec? earlyStopping,
        DeterministicRandom shuffle,
        DeterministicRandom dropout,
        CancellationToken cancellationToken)
    {
        var monitor = earlyStopping is null ? -1 : _network.HeadIndex(earlyStopping.Monitor);
        if (earlyStopping is not null && monitor < 0)
        {
            throw new ArgumentException($"Early stopping monitors head '{earlyStopping.Monitor}', which the network does not have.", nameof(earlyStopping));
        }

        var best = double.PositiveInfinity;
        var wait = 0;
        var steps = 0L;
        var epoch = 0;
        var rows = _train.Rows;
        var features = _train.Features;
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
                Gather(start, count, features);
                _network.Forward(_batchInputs, count, training: true, dropout);
                for (var h = 0; h < _tasks.Length; h++)
                {
                    _losses[h] = TaskLoss.Compute(_tasks[h], _network.Heads[h].Prediction, _batchTargets[h], _gradients[h], count);
                }

                var total = objective.Combine(_losses, _coefficients);
                if (!double.IsFinite(total))
                {
                    return new TrainingOutcome(epoch + 1, steps, DescribeDivergence(epoch + 1, steps + 1, total));
                }

                for (var h = 0; h < _tasks.Length; h++)
                {
                    _headScales[h] = (float)_coefficients[h];
                    _trunkScales[h] = (float)_coefficients[h];
                }

                _network.Backward(_batchInputs, count, _gradients, _headScales, _trunkScales);
                optimizer.Step();
                steps++;
            }

            epoch++;
            if (monitor < 0)
            {
                continue;
            }

            var loss = ValidationLoss(monitor);
            if (!double.IsFinite(loss))
            {
                return new TrainingOutcome(epoch, steps, $"validation loss of head '{earlyStopping!.Monitor}' became {Describe(loss)} after epoch {epoch}");
            }

            if (loss < best - earlyStopping!.MinDelta)
            {
                best = loss;
                wait = 0;
                if (earlyStopping.RestoreBest)
                {
                    _best ??= new NetworkSnapshot(_network);
                    _best.Capture(_network);
                }
            }
            else if (++wait >= earlyStopping.Patience)
            {
                break;
            }
        }

        if (earlyStopping is { RestoreBest: true } && _best is not null)
        {
            _best.Restore(_network);
        }

        return new TrainingOutcome(epoch, steps, null);
    }

    private void Gather(int start, int count, int features)
    {
        var inputs = _train.X.AsSpan();
        var batch = _batchInputs.AsSpan();
        for (var r = 0; r < count; r++)
        {
            var row = _order[start + r];
            inputs.Slice(row * features, features).CopyTo(batch.Slice(r * features, features));
            for (var h = 0; h < _trainTargets.Length; h++)
            {
                _batchTargets[h][r] = _trainTargets[h][row];
            }
        }
    }

    private double ValidationLoss(int head)
    {
        var predictions = Predictor.Predict(_network, _validation)[head];
        return TaskLoss.Compute(_tasks[head], predictions, _validation.Targets[_network.Heads[head].Spec.Name], Span<float>.Empty, _validation.Rows);
    }

    private string DescribeDivergence(int epoch, long step, double total)
    {
        var culprit = Array.FindIndex(_losses, loss => !double.IsFinite(loss));
        var what = culprit >= 0 ? $"loss of head '{_network.Heads[culprit].Spec.Name}'" : "the weighted loss";
        return $"training diverged: {what} became {Describe(culprit >= 0 ? _losses[culprit] : total)} at epoch {epoch}, step {step}";
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : "infinite";
}
