using FairMtl.Spec;

namespace FairMtl.Sweeps;

/// <summary>
/// The sweep expanded into points and into independent training units: a baseline per seed, and per seed one unit
/// per block of points (a block is one point in the independent regime), or, for a conditional sweep, one unit holding
/// every point (its one model is evaluated at each). Units share nothing, so they can run in any order on any thread
/// without changing a result.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(IReadOnlyList<SweepPoint> points, IReadOnlyList<TrainingUnit> units)
    {
        Points = points;
        Units = units;
    }

    /// <summary>The sweep points; the first variable varies slowest.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Baseline units first (one per seed), then the sweep's blocks, seed by seed.</summary>
    public IReadOnlyList<TrainingUnit> Units { get; }

    /// <summary>Number of trained models (baselines and sweep points over all seeds; a conditional sweep trains one per
    /// seed).</summary>
    public int RunCount => Units.Sum(ModelsIn);

    /// <summary>Whether each seed trains one loss-conditional model for all points.</summary>
    public bool IsConditional { get; private init; }

    /// <summary>Models <paramref name="unit"/> trains.</summary>
    public int ModelsIn(TrainingUnit unit) => unit.IsBaseline || IsConditional ? 1 : unit.Points.Count;

    public static SweepPlan Create(ExperimentSpec spec)
    {
        var points = ExpandPoints(spec.Sweep.Variables);
        var units = new List<TrainingUnit>();
        if (spec.Baseline.Enabled)
        {
            units.AddRange(spec.Sweep.Seeds.Select(seed => new TrainingUnit(seed, -1, [])));
        }

        var blockSize = spec.Sweep.Conditional is not null ? Math.Max(points.Count, 1)
            : spec.Training.Regime.Kind == RegimeKind.WarmStartBlocks ? spec.Training.Regime.BlockSize
            : 1;
        foreach (var seed in spec.Sweep.Seeds)
        {
            for (var start = 0; start < points.Count; start += blockSize)
            {
                var block = points.Skip(start).Take(blockSize).ToArray();
                units.Add(new TrainingUnit(seed, start / blockSize, block));
            }
        }

        return new SweepPlan(points, units) { IsConditional = spec.Sweep.Conditional is not null };
    }

    private static List<SweepPoint> ExpandPoints(EquatableArray<SweepVariable> variables)
    {
        var combinations = new List<double[]> { Array.Empty<double>() };
        foreach (var variable in variables)
        {
            combinations = combinations
                .SelectMany(prefix => variable.Values.Select(value => prefix.Append(value).ToArray()))
                .ToList();
        }

        return combinations.Select((values, index) => new SweepPoint(index, values)).ToList();
    }
}

/// <summary>A sequence of models trained one after another from one initialisation.</summary>
/// <param name="Seed">Seed of initial weights, batch order and dropout.</param>
/// <param name="Block">Block number within the seed's sweep; -1 for the baseline.</param>
/// <param name="Points">Points trained in order (warm-started from each other); empty for the baseline.</param>
public sealed record TrainingUnit(int Seed, int Block, EquatableArray<SweepPoint> Points)
{
    public bool IsBaseline => Block < 0;
}
