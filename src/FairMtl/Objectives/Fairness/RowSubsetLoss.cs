using FairMtl.Numerics;

namespace FairMtl.Objectives.Fairness;

/// <summary>
/// Applies an inner batch fairness loss to a subset of the batch rows: the included rows are gathered, in row order,
/// into scratch buffers, the inner loss computed on them, and its gradient scattered back, with exactly 0 for the
/// excluded rows. Rows whose group is unknown must be excluded by the caller through the include mask; the groups of
/// excluded rows are never read, so they may hold any value. Like the losses it wraps, an instance is not thread-safe.
/// </summary>
public sealed class RowSubsetLoss : IBatchFairnessLoss
{
    private readonly IBatchFairnessLoss _inner;
    private readonly float[] _logits;
    private readonly float[] _targets;
    private readonly int[] _groups;
    private readonly float[] _gradient;

    /// <param name="inner">The loss computed on the included rows.</param>
    /// <param name="maxRows">The largest number of included rows of any batch; sizes the scratch buffers.</param>
    public RowSubsetLoss(IBatchFairnessLoss inner, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        _inner = inner;
        _logits = UnitBuffers.Rent<float>(maxRows);
        _targets = UnitBuffers.Rent<float>(maxRows);
        _groups = UnitBuffers.Rent<int>(maxRows);
        _gradient = UnitBuffers.Rent<float>(maxRows);
    }

    /// <summary>The loss on every row: exactly the inner loss on the whole batch.</summary>
    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient) =>
        _inner.Compute(logits, targets, groups, rows, gradient);

    /// <summary>
    /// The inner loss on the rows i &lt; <paramref name="rows"/> with <paramref name="include"/>[i] set, taken in row
    /// order. Unless <paramref name="gradient"/> is empty, overwrites its first <paramref name="rows"/> elements with the
    /// inner gradient for the included rows and 0 for the others.
    /// </summary>
    /// <param name="logits">The binary head's outputs.</param>
    /// <param name="targets">0 or 1 per row.</param>
    /// <param name="groups">Each row's group index; read only for the included rows.</param>
    /// <param name="include">Which rows take part; at least <paramref name="rows"/> elements.</param>
    /// <param name="rows">The batch size; every span holds at least this many elements (unless the gradient is empty).</param>
    /// <param name="gradient">Receives d(loss)/d(logit i); empty to compute the value only.</param>
    /// <exception cref="ArgumentOutOfRangeException">More rows are included than the maximum given to the constructor.</exception>
    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, ReadOnlySpan<bool> include, int rows, Span<float> gradient)
    {
        FairnessBatch.Check(logits, targets, groups, rows, gradient);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, include.Length);
        var count = 0;
        for (var i = 0; i < rows; i++)
        {
            if (!include[i])
            {
                continue;
            }

            if (count == _logits.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(include), $"More than {_logits.Length} rows are included, the maximum given to the constructor.");
            }

            _logits[count] = logits[i];
            _targets[count] = targets[i];
            _groups[count] = groups[i];
            count++;
        }

        if (gradient.IsEmpty)
        {
            return _inner.Compute(_logits, _targets, _groups, count, Span<float>.Empty);
        }

        var value = _inner.Compute(_logits, _targets, _groups, count, _gradient);
        var next = 0;
        for (var i = 0; i < rows; i++)
        {
            gradient[i] = include[i] ? _gradient[next++] : 0f;
        }

        return value;
    }
}
