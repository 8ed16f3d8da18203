using System.Globalization;
using FairMtl.Evaluation;
using FairMtl.Evaluation.Statistics;
using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>
/// What the seeds say about a sweep: per point and for the baseline, the mean, sd and Student-t interval of the
/// Pareto pair (error and disparity) over the seeds; each point's paired comparison with the baseline over the seeds
/// that trained both (exact two-sided Wilcoxon signed-rank test deciding, paired t reported); how often each point is
/// on its own seed's front; the hypervolume of the front with the baseline as the reference point; and one sentence.
/// </summary>
/// <param name="Level">The significance level (<c>evaluation.significance</c>).</param>
/// <param name="Baseline">The baseline over the seeds (null without a baseline).</param>
/// <param name="Points">One entry per point that trained on at least one seed, in point order.</param>
/// <param name="HypervolumeOfMeans">Hypervolume of the points' means, reference = <c>evaluation.hypervolume_reference</c> or
/// else the baseline's means (NaN without either).</param>
/// <param name="HypervolumePerSeed">Per seed, the hypervolume of that seed's points against the declared reference or else
/// that seed's baseline.</param>
/// <param name="Verdict">Whether the sweep beats the baseline on disparity, on error, on both or on neither.</param>
public sealed record SeedAnalysis(
    double Level,
    SeedPointStatistics? Baseline,
    IReadOnlyList<SeedPointStatistics> Points,
    double HypervolumeOfMeans,
    SampleSummary HypervolumePerSeed,
    string Verdict)
{
    /// <summary>Analyses a finished experiment.</summary>
    public static SeedAnalysis Of(ExperimentSpec spec, IReadOnlyList<RunResult> baseline, IReadOnlyList<RunResult> sweep, IReadOnlyList<SweepPoint> points)
    {
        var pair = spec.Evaluation.Pareto;
        var level = spec.Evaluation.Significance;
        (double Error, double Disparity) Values(RunResult run) => (run.Metrics!.Errors.Overall.Get(pair.Error), run.Metrics.Errors.Disparity(pair.Disparity));
        var baselineBySeed = baseline.Where(run => run.Succeeded).ToDictionary(run => run.Seed, Values);
        var seeds = spec.Sweep.Seeds.ToArray();

        SeedPointStatistics? baselineStatistics = baselineBySeed.Count == 0
            ? null
            : new SeedPointStatistics(
                null,
                SampleSummary.Of(baselineBySeed.Values.Select(v => v.Error).ToArray()),
                SampleSummary.Of(baselineBySeed.Values.Select(v => v.Disparity).ToArray()),
                null,
                null,
                double.NaN,
                false);

        var perPoint = new List<(SweepPoint Point, Dictionary<int, (double Error, double Disparity)> BySeed)>();
        foreach (var point in points)
        {
            var bySeed = sweep.Where(run => run.Point?.Index == point.Index && run.Succeeded).ToDictionary(run => run.Seed, Values);
            if (bySeed.Count > 0)
            {
                perPoint.Add((point, bySeed));
            }
        }

        var frequency = FrontFrequency.Of(seeds.Select(seed => OnFront(perPoint.Select(p => p.BySeed), seed)).ToArray());
        var meanFront = ParetoFront.NonDominated(perPoint.Select(p => (p.BySeed.Values.Average(v => v.Disparity), p.BySeed.Values.Average(v => v.Error))).ToArray());
        var statistics = perPoint.Select((p, i) => new SeedPointStatistics(
                p.Point,
                SampleSummary.Of(p.BySeed.Values.Select(v => v.Error).ToArray()),
                SampleSummary.Of(p.BySeed.Values.Select(v => v.Disparity).ToArray()),
                Compare(p.BySeed, baselineBySeed, v => v.Error, level),
                Compare(p.BySeed, baselineBySeed, v => v.Disparity, level),
                seeds.Length == 0 ? double.NaN : frequency[i],
                meanFront.Contains(i)))
            .ToArray();

        var declared = spec.Evaluation.HypervolumeReference;
        (double, double)? fixedReference = declared.Count == 2 ? (declared[0], declared[1]) : null;
        var reference = fixedReference
            ?? (baselineStatistics is null ? (double.NaN, double.NaN) : (baselineStatistics.Disparity.Mean, baselineStatistics.Error.Mean));
        var hypervolume = double.IsNaN(reference.Item1)
            ? double.NaN
            : Hypervolume.Of(statistics.Select(s => (s.Disparity.Mean, s.Error.Mean)).ToArray(), reference);
        var perSeed = seeds
            .Where(seed => fixedReference is not null || baselineBySeed.ContainsKey(seed))
            .Select(seed => Hypervolume.Of(
                perPoint.Where(p => p.BySeed.ContainsKey(seed)).Select(p => (p.BySeed[seed].Disparity, p.BySeed[seed].Error)).ToArray(),
                fixedReference ?? (baselineBySeed[seed].Disparity, baselineBySeed[seed].Error)))
            .ToArray();
        return new SeedAnalysis(level, baselineStatistics, statistics, hypervolume, SampleSummary.Of(perSeed), Describe(statistics, level, baselineBySeed.Count));
    }

    private static bool[] OnFront(IEnumerable<Dictionary<int, (double Error, double Disparity)>> points, int seed)
    {
        var list = points.ToArray();
        var present = Enumerable.Range(0, list.Length).Where(i => list[i].ContainsKey(seed)).ToArray();
        var onFront = new bool[list.Length];
        foreach (var k in ParetoFront.NonDominated(present.Select(i => (list[i][seed].Disparity, list[i][seed].Error)).ToArray()))
        {
            onFront[present[k]] = true;
        }

        return onFront;
    }

    private static PairedComparison? Compare(
        Dictionary<int, (double Error, double Disparity)> point,
        Dictionary<int, (double Error, double Disparity)> baseline,
        Func<(double Error, double Disparity), double> metric,
        double level)
    {
        var seeds = point.Keys.Where(baseline.ContainsKey).Order().ToArray();
        if (seeds.Length == 0)
        {
            return null;
        }

        var a = seeds.Select(seed => metric(point[seed])).ToArray();
        var b = seeds.Select(seed => metric(baseline[seed])).ToArray();
        var t = PairedTTest.Test(a, b, 1 - level);
        var w = WilcoxonSignedRank.Test(a, b);
        var outcome = !(w.PValue < level) ? Outcome.NotSignificant : t.MeanDifference < 0 ? Outcome.Better : Outcome.Worse;
        return new PairedComparison(t, w, outcome);
    }

    private static string Describe(IReadOnlyList<SeedPointStatistics> points, double level, int baselineSeeds)
    {
        if (baselineSeeds < 2)
        {
            return "With fewer than two seeds no point can be tested against the baseline; declare more seeds (sweep.seeds) to know whether the sweep beats it.";
        }

        var disparity = points.Count(p => p.DisparityVsBaseline?.Outcome == Outcome.Better);
        var error = points.Count(p => p.ErrorVsBaseline?.Outcome == Outcome.Better);
        var both = points.Count(p => p.DisparityVsBaseline?.Outcome == Outcome.Better && p.ErrorVsBaseline?.Outcome == Outcome.Better);
        var verdict = both > 0 ? "on both"
            : disparity > 0 && error > 0 ? "on disparity and on error, but never at the same point"
            : disparity > 0 ? "on disparity only"
            : error > 0 ? "on error only"
            : "on neither";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"At the {level:0.###} level (exact two-sided Wilcoxon signed-rank test over {baselineSeeds} paired seeds), the sweep beats the baseline {verdict}: "
            + $"{disparity} of {points.Count} points have significantly lower disparity, {error} significantly lower error, {both} both.");
    }
}

/// <summary>A sweep point (or the baseline) over the seeds.</summary>
/// <param name="Point">The point; null for the baseline.</param>
/// <param name="Error">The Pareto error metric over the seeds.</param>
/// <param name="Disparity">The Pareto disparity over the seeds.</param>
/// <param name="ErrorVsBaseline">The paired comparison of the error with the baseline (null for the baseline itself).</param>
/// <param name="DisparityVsBaseline">The paired comparison of the disparity with the baseline.</param>
/// <param name="FrontFrequency">Share of the seeds in which the point is on that seed's own Pareto front.</param>
/// <param name="OnMeanFront">Whether the point is on the front of the means over seeds.</param>
public sealed record SeedPointStatistics(
    SweepPoint? Point,
    SampleSummary Error,
    SampleSummary Disparity,
    PairedComparison? ErrorVsBaseline,
    PairedComparison? DisparityVsBaseline,
    double FrontFrequency,
    bool OnMeanFront);

/// <summary>A paired comparison over seeds (point minus baseline): the t interval and test, the Wilcoxon test, and the
/// outcome at the declared level (decided by the Wilcoxon test).</summary>
public sealed record PairedComparison(PairedTestResult T, WilcoxonResult Wilcoxon, Outcome Outcome);

/// <summary>How a point compares with the baseline on one metric.</summary>
public enum Outcome
{
    /// <summary>Not significantly different at the declared level.</summary>
    NotSignificant,

    /// <summary>Significantly lower (better).</summary>
    Better,

    /// <summary>Significantly higher (worse).</summary>
    Worse,
}
