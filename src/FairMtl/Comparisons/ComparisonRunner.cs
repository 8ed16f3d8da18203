using System.Diagnostics;
using FairMtl.Evaluation;
using FairMtl.Evaluation.Classification;
using FairMtl.Execution;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>
/// Runs a comparison: every method in every repetition, and every front method at every lambda, as independent
/// units in parallel. A unit's random streams derive from the repetition's seed only, so all methods of a repetition
/// share the split, the initial trunk and the batch order (a paired design), and results do not depend on threads.
/// </summary>
public static class ComparisonRunner
{
    /// <summary>Trains and evaluates everything; bad data is reported (as a <see cref="Diagnostics.FairMtlException"/>)
    /// before any training starts, and more models than <paramref name="maxModels"/> (FMTL018) before anything else.</summary>
    public static ComparisonResult Run(
        LoadedComparison experiment,
        int threads,
        IProgress<ComparisonProgress>? progress,
        CancellationToken cancellationToken,
        long maxModels = InputLimits.DefaultMaxModels)
    {
        var spec = experiment.Spec;
        if (spec.IsMultiTask)
        {
            throw new ArgumentException($"'{spec.Name}' compares multi-task methods; run it with {nameof(MultiTaskRunner)}.", nameof(experiment));
        }

        ModelCount.Check(experiment, maxModels);

        var stopwatch = Stopwatch.StartNew();
        var data = ComparisonData.Load(experiment);
        var repetitions = Enumerable.Range(0, spec.Protocol.Repetitions).Select(data.Split).ToArray();
        var loadSeconds = stopwatch.Elapsed.TotalSeconds;

        var tasks = spec.Tasks.Select(t => t.Name).ToArray();
        var columns = MetricColumn.For(tasks, data.Attributes.Select(a => a.Name).ToArray());
        var units = Units(spec);
        var scheduled = UnitScheduler.Run(units, threads, (unit, counter) =>
        {
            var (method, lambda, isFront, repetition) = unit;
            var run = Train(spec, data, repetitions[repetition], method with { Lambda = lambda }, isFront, tasks, cancellationToken);
            progress?.Report(new ComparisonProgress(counter.Finished(), units.Length));
            return run;
        }, cancellationToken);
        var runs = scheduled.Results;

        var methods = spec.Methods
            .Select(m => MethodSummary.Of(m.Name, m.Lambda, runs.Where(r => !r.IsFront && r.Method == m.Name).ToArray(), columns.Count))
            .ToArray();
        var higher = columns.Select(c => c.HigherIsBetter).ToArray();
        var table = new double[methods.Length, columns.Count];
        for (var m = 0; m < methods.Length; m++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                table[m, c] = methods[m].Means[c];
            }
        }

        var ranks = MethodComparison.MeanRanks(table, higher);
        var baseline = spec.Methods.FirstOrDefault(m => m.Kind == MethodKind.SingleTask);
        var baselineMeans = baseline is null ? null : methods.First(m => m.Method == baseline.Name).Means;
        var deltas = methods.Select(m => baselineMeans is null ? double.NaN : MethodComparison.DeltaM(m.Means, baselineMeans, higher)).ToArray();

        var front = spec.Front.Methods
            .SelectMany(name => spec.Front.Lambdas.Select(lambda => MethodSummary.Of(
                name, lambda, runs.Where(r => r.IsFront && r.Method == name && r.Lambda == lambda).ToArray(), columns.Count)))
            .ToArray();
        var frontMetric = FrontMetricIndex(spec, columns);
        var onFront = new bool[front.Length];
        foreach (var name in spec.Front.Methods)
        {
            var rows = Enumerable.Range(0, front.Length).Where(i => front[i].Method == name).ToArray();
            var points = rows.Select(i => (front[i].Means[frontMetric], 1d - front[i].Means[0])).ToArray();
            foreach (var k in ParetoFront.NonDominated(points))
            {
                onFront[rows[k]] = true;
            }
        }

        var steps = runs.Sum(r => r.Steps);
        return new ComparisonResult(
            experiment,
            columns,
            runs,
            methods,
            ranks,
            deltas,
            baseline?.Name,
            front,
            onFront,
            frontMetric,
            data.Table.Rows,
            data.Table.RowsRead,
            data.Table.FilteredOut,
            data.Table.DroppedMissing,
            data.Table.FeatureNames,
            data.Table.Files,
            scheduled.Timings(loadSeconds, steps));
    }

    /// <summary>The units in a fixed order: per repetition, the table's methods, then the front's (method, lambda) pairs.</summary>
    public static (MethodSpec Method, double Lambda, bool IsFront, int Repetition)[] Units(ComparisonSpec spec)
    {
        var units = new List<(MethodSpec, double, bool, int)>();
        for (var r = 0; r < spec.Protocol.Repetitions; r++)
        {
            units.AddRange(spec.Methods.Select(m => (m, m.Lambda, false, r)));
            foreach (var name in spec.Front.Methods)
            {
                var method = spec.Methods.First(m => m.Name == name);
                units.AddRange(spec.Front.Lambdas.Select(lambda => (method, lambda, true, r)));
            }
        }

        return units.ToArray();
    }

    private static ComparisonRun Train(
        ComparisonSpec spec, ComparisonData data, RepetitionData repetition, MethodSpec method, bool isFront, string[] tasks, CancellationToken cancellationToken)
    {
        var plan = MethodNetwork.For(method, spec, data.Attributes);
        var (network, outcome) = UnitTraining.Train(spec, data.Table.FeatureNames.Count, repetition, plan, tasks, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new ComparisonRun(method.Name, method.Lambda, isFront, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, null, outcome.Failure);
        }

        var logits = TaskScores.Logits(network, plan, repetition.Test, tasks.Length);
        var metrics = RunScores.Of(logits, repetition, spec.Tasks.ToArray(), data.Attributes);
        return new ComparisonRun(method.Name, method.Lambda, isFront, repetition.Repetition, repetition.Seed, outcome.Epochs, outcome.Steps, metrics, null);
    }

    private static int FrontMetricIndex(ComparisonSpec spec, IReadOnlyList<MetricColumn> columns)
    {
        var kind = spec.Front.Fairness switch
        {
            FairnessMetric.Eod => "EOD",
            FairnessMetric.Eopd => "EOpD",
            FairnessMetric.FprGap => "FPRgap",
            FairnessMetric.Gaucd => "GAUCD",
            _ => "DPgap",
        };
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Kind == kind && columns[c].Attribute == spec.Front.Attribute)
            {
                return c;
            }
        }

        return -1;
    }
}

/// <summary>Progress of a comparison (either kind): models finished out of all models.</summary>
public sealed record ComparisonProgress(int Finished, int Total) : Sweeps.IProgressCount;
