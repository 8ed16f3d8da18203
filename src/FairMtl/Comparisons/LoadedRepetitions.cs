using System.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>A classification experiment's data, read and encoded once, and every repetition's split of it: what both
/// classification kinds train their units on.</summary>
/// <param name="Data">The encoded rows, labels and groups.</param>
/// <param name="Repetitions">Each repetition's parts, in repetition order.</param>
/// <param name="LoadSeconds">Time spent reading, encoding and splitting.</param>
public sealed record LoadedRepetitions(ComparisonData Data, RepetitionData[] Repetitions, double LoadSeconds)
{
    /// <summary>Loads the data, runs <paramref name="check"/> on it, and splits it for every repetition; bad data is a
    /// <see cref="Diagnostics.FairMtlException"/> here, before any training starts.</summary>
    public static LoadedRepetitions Load(LoadedComparison experiment, Action<ComparisonData>? check = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var data = ComparisonData.Load(experiment);
        check?.Invoke(data);
        var repetitions = Enumerable.Range(0, experiment.Spec.Protocol.Repetitions).Select(data.Split).ToArray();
        return new LoadedRepetitions(data, repetitions, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The experiment as a comparison kind's run store records it: the spec, and as the basis every unit's result
    /// depends on <paramref name="withoutUnitLists"/> (the spec with the kind's own unit lists removed) further without
    /// the presentation keys, the methods and the repetition count, which the unit keys carry.
    /// </summary>
    public Store.StoredExperiment Describe(ComparisonSpec spec, ComparisonSpec withoutUnitLists, string kind)
    {
        var basis = withoutUnitLists with
        {
            Name = string.Empty,
            Description = string.Empty,
            Methods = Spec.EquatableArray<MethodSpec>.Empty,
            Protocol = spec.Protocol with { Repetitions = 0 },
        };
        return new Store.StoredExperiment(
            spec.Name, kind, Store.CanonicalJson.Write(spec), Store.CanonicalJson.Write(basis), Data.Table.Files.Select(file => file.Sha256).ToArray(), spec.Training.Engine);
    }
}
