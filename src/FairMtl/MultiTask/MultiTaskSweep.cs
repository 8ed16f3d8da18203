using FairMtl.Comparisons;
using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.MultiTask;

/// <summary>The settings of a multi-task sweep, drawn once and shared by every method (run k of each method).</summary>
public static class MultiTaskSweep
{
    /// <summary>
    /// Random: <c>Runs</c> draws from the stream "multi-task sweep" of <c>sweep.seed</c>, each w_1 then lambda_t and r_t
    /// per task, all uniform in their ranges. Grid: <c>Runs</c> evenly spaced values of w_1, of lambda and of r (lambda
    /// and r shared by the tasks), all combinations with w_1 varying slowest. With two tasks w_2 = 1 - w_1; with more,
    /// one weight per task is drawn and the weights are normalised to sum 1.
    /// </summary>
    public static IReadOnlyList<MultiTaskSetting> Settings(MultiTaskSweepSpec sweep, int tasks)
    {
        var settings = new List<MultiTaskSetting>();
        if (sweep.Kind == SweepKind.Grid)
        {
            var n = sweep.Runs;
            foreach (var w in Grid(sweep.Weight, n))
            {
                foreach (var lambda in Grid(sweep.Lambda, n))
                {
                    foreach (var ratio in Grid(sweep.Ratio, n))
                    {
                        settings.Add(new MultiTaskSetting(
                            settings.Count, Weights(tasks, Enumerable.Repeat(w, tasks).ToArray()), Enumerable.Repeat(lambda, tasks).ToArray(), Enumerable.Repeat(ratio, tasks).ToArray()));
                    }
                }
            }

            return settings;
        }

        return Draw(sweep, tasks, DeterministicRandom.ForStream(sweep.Seed, "multi-task sweep"), sweep.Runs, 0);
    }

    /// <summary>
    /// The settings a conditional sweep's models are also scored at for their curves (<c>sweep.conditional.grid</c>: a
    /// grid of n values per variable would have n^5 settings, so these are n random settings): drawn as a random sweep's
    /// from the stream "conditional grid" of <c>sweep.seed</c>, numbered after the sweep's own. Empty without a grid.
    /// </summary>
    public static IReadOnlyList<MultiTaskSetting> GridSettings(MultiTaskSweepSpec sweep, int tasks, int firstIndex) =>
        sweep.Conditional is { Grid: > 0 } conditional
            ? Draw(sweep, tasks, DeterministicRandom.ForStream(sweep.Seed, "conditional grid"), conditional.Grid, firstIndex)
            : [];

    /// <summary><paramref name="count"/> settings drawn from <paramref name="random"/>: each w_1 (or each task's weight),
    /// then lambda_t and r_t per task, all uniform in their ranges; numbered from <paramref name="firstIndex"/>.</summary>
    private static List<MultiTaskSetting> Draw(MultiTaskSweepSpec sweep, int tasks, DeterministicRandom random, int count, int firstIndex)
    {
        double Next(ValueRange range) => range.Low + ((range.High - range.Low) * random.NextDouble());
        var settings = new List<MultiTaskSetting>(count);
        for (var k = 0; k < count; k++)
        {
            var drawn = Enumerable.Range(0, tasks == 2 ? 1 : tasks).Select(_ => Next(sweep.Weight)).ToArray();
            var lambdas = Enumerable.Range(0, tasks).Select(_ => Next(sweep.Lambda)).ToArray();
            var ratios = Enumerable.Range(0, tasks).Select(_ => Next(sweep.Ratio)).ToArray();
            settings.Add(new MultiTaskSetting(firstIndex + k, Weights(tasks, drawn), lambdas, ratios));
        }

        return settings;
    }

    private static double[] Weights(int tasks, double[] drawn)
    {
        if (tasks == 2)
        {
            return [drawn[0], 1d - drawn[0]];
        }

        var sum = drawn.Sum();
        return sum > 0 ? drawn.Select(w => w / sum).ToArray() : Enumerable.Repeat(1d / tasks, tasks).ToArray();
    }

    private static double[] Grid(ValueRange range, int count) => EvenlySpaced.Values(range.Low, range.High, count);
}
