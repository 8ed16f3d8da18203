namespace FairMtl.Evaluation.MultiTask;

/// <summary>
/// The fairness-accuracy trade-off front of multi-task models (both coordinates minimised, e.g. ARFG and ARE of
/// <see cref="RelativeMetrics"/>) and the point Wang et al. (KDD 2021) report from it.
/// </summary>
public static class TradeOffFront
{
    /// <summary>
    /// Per point, whether it is on the front: no other point is at least as low in both coordinates and strictly lower
    /// in one. Exact duplicates do not dominate each other, so both are on it; a point with a NaN coordinate is never on
    /// it and dominates nothing (see <see cref="ParetoFront.NonDominated"/>).
    /// </summary>
    public static bool[] OnFront(IReadOnlyList<(double Fairness, double Error)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var onFront = new bool[points.Count];
        foreach (var index in ParetoFront.NonDominated(points))
        {
            onFront[index] = true;
        }

        return onFront;
    }

    /// <summary>
    /// The paper's choice of one point: among the points on the front, the one whose Error is closest to the midpoint
    /// (min + max) / 2 of the Error values of all finite points (both coordinates finite, on the front or not). Ties go
    /// to the lower Fairness, then to the lower index. -1 when no point is on the front.
    /// </summary>
    /// <param name="points">The points, as given to <see cref="OnFront"/>.</param>
    /// <param name="onFront">Per point, whether it is on the front (usually <see cref="OnFront"/>'s result).</param>
    /// <exception cref="ArgumentException"><paramref name="onFront"/> does not have one entry per point.</exception>
    public static int SelectMidpoint(IReadOnlyList<(double Fairness, double Error)> points, bool[] onFront)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(onFront);
        if (onFront.Length != points.Count)
        {
            throw new ArgumentException($"{points.Count} points but {onFront.Length} front flags.", nameof(onFront));
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var (fairness, error) in points)
        {
            if (double.IsFinite(fairness) && double.IsFinite(error))
            {
                min = Math.Min(min, error);
                max = Math.Max(max, error);
            }
        }

        var midpoint = (min + max) / 2;
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        for (var i = 0; i < points.Count; i++)
        {
            if (!onFront[i])
            {
                continue;
            }

            var distance = OrLast(Math.Abs(points[i].Error - midpoint));
            if (best < 0
                || distance < bestDistance
                || (distance == bestDistance && OrLast(points[i].Fairness) < OrLast(points[best].Fairness)))
            {
                best = i;
                bestDistance = distance;
            }
        }

        return best;
    }

    // A NaN (no finite point, or a flagged NaN point) ranks after every number instead of comparing false to all.
    private static double OrLast(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}
