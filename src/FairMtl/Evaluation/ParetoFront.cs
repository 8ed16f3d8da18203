namespace FairMtl.Evaluation;

/// <summary>Non-dominated points when minimising two objectives (disparity, error).</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices of the points that no other point dominates (another point is at least as good in both objectives and
    /// strictly better in one). Exact duplicates do not dominate each other, so both stay. Points with a NaN
    /// coordinate are never on the front. The result is ordered by disparity, then error, then index.
    /// </summary>
    public static int[] NonDominated(IReadOnlyList<(double Disparity, double Error)> points)
    {
        var front = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var (d, e) = points[i];
            if (double.IsNaN(d) || double.IsNaN(e))
            {
                continue;
            }

            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                var (od, oe) = points[j];
                dominated = j != i && od <= d && oe <= e && (od < d || oe < e);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        front.Sort((a, b) =>
        {
            var byDisparity = points[a].Disparity.CompareTo(points[b].Disparity);
            if (byDisparity != 0)
            {
                return byDisparity;
            }

            var byError = points[a].Error.CompareTo(points[b].Error);
            return byError != 0 ? byError : a.CompareTo(b);
        });
        return front.ToArray();
    }
}
