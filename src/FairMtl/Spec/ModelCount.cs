using FairMtl.Diagnostics;

namespace FairMtl.Spec;

/// <summary>
/// How many models a run of an experiment trains, computed from the spec alone (nothing is expanded, and the
/// arithmetic saturates instead of overflowing), and the check that refuses a run over the limit before anything is
/// allocated for it.
/// </summary>
public static class ModelCount
{
    /// <summary>Baselines (one per seed) and sweep points over all seeds (one loss-conditional model per seed for a
    /// conditional sweep).</summary>
    public static long Of(ExperimentSpec spec)
    {
        long seeds = spec.Sweep.Seeds.Count;
        var points = spec.Sweep.Conditional is null ? Points(spec.Sweep) : 1;
        return Add(spec.Baseline.Enabled ? seeds : 0, Multiply(points, seeds));
    }

    /// <summary>Per repetition: the methods and the front's (method, lambda) pairs (one model per front method for a
    /// conditional front); or, for the multi-task family, the
    /// tasks' single-task references and every method at every setting (a grid's settings are runs^3); for the FairMT
    /// kind, every method at each of its sweep points.</summary>
    public static long Of(ComparisonSpec spec)
    {
        long perRepetition;
        if (spec is FairMtSpec fairMt)
        {
            perRepetition = fairMt.Methods.Sum(method => (long)FairMtPoints(fairMt, method));
        }
        else if (spec is MultiTaskSpec multiTask)
        {
            long runs = multiTask.Sweep.Runs;
            var settings = multiTask.Sweep.Conditional is not null ? 1
                : multiTask.Sweep.Kind == SweepKind.Grid ? Multiply(Multiply(runs, runs), runs)
                : runs;
            perRepetition = Add(spec.Tasks.Count, Multiply(spec.Methods.Count, settings));
        }
        else
        {
            var front = ((MethodComparisonSpec)spec).Front;
            perRepetition = Add(spec.Methods.Count, Multiply(front.Methods.Count, front.Conditional is null ? front.Lambdas.Count : 1));
        }

        return Multiply(perRepetition, spec.Protocol.Repetitions);
    }

    /// <summary>FMTL018 at the sweep when the experiment would train more than <paramref name="limit"/> models.</summary>
    public static void Check(LoadedExperiment experiment, long limit)
    {
        var spec = experiment.Spec;
        var points = Points(spec.Sweep);
        var seeds = spec.Sweep.Seeds.Count;
        var baselines = spec.Baseline.Enabled ? $" + {seeds} {Plural(seeds, "baseline")}" : string.Empty;
        var models = spec.Sweep.Conditional is null ? $"{points} sweep {Plural(points, "point")}" : "1 conditional model";
        Check(Of(spec), limit, experiment.Source.Locate("sweep"), $"{models} x {seeds} {Plural(seeds, "seed")}{baselines}");
    }

    /// <inheritdoc cref="Check(LoadedExperiment, long)"/>
    public static void Check(LoadedComparison comparison, long limit)
    {
        var spec = comparison.Spec;
        var repetitions = $"{spec.Protocol.Repetitions} {Plural(spec.Protocol.Repetitions, "repetition")}";
        string breakdown;
        string at;
        if (spec is FairMtSpec fairMt)
        {
            breakdown = $"({string.Join(" + ", fairMt.Methods.Select(m => $"{m.Name} x {FairMtPoints(fairMt, m)}"))}) x {repetitions}";
            at = "sweep";
        }
        else if (spec is MultiTaskSpec multiTask)
        {
            var sweep = multiTask.Sweep;
            breakdown = $"({spec.Tasks.Count} {Plural(spec.Tasks.Count, "reference")} + {spec.Methods.Count} {Plural(spec.Methods.Count, "method")} x "
                + $"{(sweep.Conditional is not null ? "1 conditional model" : sweep.Kind == SweepKind.Grid ? $"{sweep.Runs}^3 grid settings" : $"{sweep.Runs} settings")}) x {repetitions}";
            at = "sweep.runs";
        }
        else
        {
            var front = ((MethodComparisonSpec)spec).Front;
            var perMethod = front.Conditional is null ? $"{front.Lambdas.Count} {Plural(front.Lambdas.Count, "lambda")}" : "1 conditional model";
            breakdown = $"({spec.Methods.Count} {Plural(spec.Methods.Count, "method")} + {front.Methods.Count} front "
                + $"{Plural(front.Methods.Count, "method")} x {perMethod}) x {repetitions}";
            at = front.Lambdas.Count > 0 ? "front.lambda" : "protocol.repetitions";
        }

        Check(Of(spec), limit, comparison.Source.Locate(at), breakdown);
    }

    /// <summary>The number of sweep points a FairMT method trains at (<see cref="FairMtSpec.SweepPoints"/>).</summary>
    public static int FairMtPoints(FairMtSpec spec, MethodSpec method) => spec.SweepPoints(method).Count;

    private static void Check(long models, long limit, SourceLocation location, string breakdown)
    {
        if (models > limit)
        {
            var count = models == long.MaxValue ? $"more than {long.MaxValue}" : models.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new FairMtlException(
                DiagnosticCodes.InputLimit,
                location,
                $"this experiment would train {count} models ({breakdown}), more than the limit of {limit}; "
                + "shrink the sweep, or raise the limit with --max-models if you mean it");
        }
    }

    /// <summary>Sweep points per seed, saturating (<see cref="SweepSpec.PointCount"/> is an int for the readers' capped sweeps).</summary>
    private static long Points(SweepSpec sweep) => sweep.Variables.Aggregate(1L, (product, variable) => Multiply(product, variable.Values.Count));

    private static string Plural(long count, string noun) => count == 1 ? noun : noun + "s";

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
}
