namespace FairMtl.Evaluation.Statistics;

/// <summary>How often each configuration lands on the Pareto front across training seeds.</summary>
public static class FrontFrequency
{
    /// <summary>
    /// Per point, the share of seeds in which it is on that seed's front: <paramref name="fronts"/>[s][i] says whether
    /// point i is on seed s's front (as from <see cref="MultiTask.TradeOffFront.OnFront"/>). No seeds give no points.
    /// </summary>
    /// <exception cref="ArgumentException">The seeds do not all have the same number of points.</exception>
    public static double[] Of(IReadOnlyList<bool[]> fronts)
    {
        ArgumentNullException.ThrowIfNull(fronts);
        if (fronts.Count == 0)
        {
            return [];
        }

        var counts = new int[fronts[0].Length];
        for (var seed = 0; seed < fronts.Count; seed++)
        {
            var front = fronts[seed];
            if (front.Length != counts.Length)
            {
                throw new ArgumentException(
                    $"Seed {seed} has {front.Length} points but seed 0 has {counts.Length}.", nameof(fronts));
            }

            for (var point = 0; point < front.Length; point++)
            {
                if (front[point])
                {
                    counts[point]++;
                }
            }
        }

        var shares = new double[counts.Length];
        for (var point = 0; point < shares.Length; point++)
        {
            shares[point] = (double)counts[point] / fronts.Count;
        }

        return shares;
    }
}
