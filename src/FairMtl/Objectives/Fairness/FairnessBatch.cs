namespace FairMtl.Objectives.Fairness;

/// <summary>Argument checks and shared pieces of the batch fairness losses.</summary>
internal static class FairnessBatch
{
    public static int CheckGroupCount(int groupCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        return groupCount;
    }

    public static void Check(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<int> groups, int rows, Span<float> gradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, logits.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, targets.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, groups.Length);
        if (!gradient.IsEmpty)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, gradient.Length);
        }
    }

    /// <summary>The group of <paramref name="row"/>, checked against <paramref name="groupCount"/>.</summary>
    public static int Group(ReadOnlySpan<int> groups, int row, int groupCount)
    {
        var group = groups[row];
        if ((uint)group >= (uint)groupCount)
        {
            ThrowGroupOutOfRange(row, group, groupCount);
        }

        return group;
    }

    /// <summary>The loss of a batch with fewer than two present groups: 0, with zero gradient.</summary>
    public static double Zero(Span<float> gradient, int rows)
    {
        if (!gradient.IsEmpty)
        {
            gradient[..rows].Clear();
        }

        return 0.0;
    }

    /// <summary>d sigmoid(x) / dx = p (1 - p), taken on -|x| where the sigmoid is small and exact.</summary>
    public static double SigmoidDerivative(double x)
    {
        var p = TaskLoss.Sigmoid(-Math.Abs(x));
        return p * (1.0 - p);
    }

    private static void ThrowGroupOutOfRange(int row, int group, int groupCount) =>
        throw new ArgumentOutOfRangeException("groups", group, $"Row {row} has group {group}; the loss has {groupCount} groups.");
}
