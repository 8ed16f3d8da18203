namespace FairMtl.Evaluation.Statistics;

/// <summary>The two-dimensional hypervolume indicator of a point set, both objectives minimised.</summary>
public static class Hypervolume
{
    /// <summary>
    /// The area dominated by the points and bounded by <paramref name="reference"/>: the area of the union of the
    /// rectangles [x, r.X] × [y, r.Y]. Only points strictly below the reference in both coordinates count; points with
    /// a NaN coordinate, duplicates and dominated points add nothing. A sweep in order of x (then y) adds, for each
    /// point lower than every point before it, the strip between its y and the previous lowest y: O(n log n).
    /// </summary>
    /// <exception cref="ArgumentException">A coordinate of <paramref name="reference"/> is NaN.</exception>
    public static double Of(IReadOnlyList<(double X, double Y)> points, (double X, double Y) reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (double.IsNaN(reference.X) || double.IsNaN(reference.Y))
        {
            throw new ArgumentException("The reference point has a NaN coordinate.", nameof(reference));
        }

        var inside = new List<(double X, double Y)>(points.Count);
        foreach (var point in points)
        {
            if (point.X < reference.X && point.Y < reference.Y)
            {
                inside.Add(point);
            }
        }

        inside.Sort((p, q) =>
        {
            var byX = p.X.CompareTo(q.X);
            return byX != 0 ? byX : p.Y.CompareTo(q.Y);
        });

        var area = 0.0;
        var lowestY = reference.Y;
        foreach (var (x, y) in inside)
        {
            if (y < lowestY)
            {
                area += (reference.X - x) * (lowestY - y);
                lowestY = y;
            }
        }

        return area;
    }
}
