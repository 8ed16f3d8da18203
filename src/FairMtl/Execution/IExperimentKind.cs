namespace FairMtl.Execution;

/// <summary>
/// What a kind of experiment (a regression sweep, a method comparison, a multi-task comparison) implements to run
/// through the one scheduler. An instance holds one loaded experiment and its data; it plans the experiment into
/// independent units of work (one model, or a warm-start block of models), trains one unit from the unit alone (its
/// random streams come from the unit's seed, never from the schedule), and summarises the units' results.
/// <see cref="KindRunner"/> runs any kind; a new kind is a new implementation, not a new runner.
/// </summary>
/// <typeparam name="TUnit">A unit of work: what a worker needs to know to train it.</typeparam>
/// <typeparam name="TUnitResult">What training one unit gives.</typeparam>
/// <typeparam name="TResult">The experiment's result: its tables' content, fronts and timings.</typeparam>
public interface IExperimentKind<TUnit, TUnitResult, TResult>
{
    /// <summary>The units in plan order (the order of the results given to <see cref="Summarize"/>).</summary>
    IReadOnlyList<TUnit> Units { get; }

    /// <summary>The models the units train in all (a warm-start block trains several).</summary>
    int Models { get; }

    /// <summary>Trains one unit; calls <paramref name="modelFinished"/> once per model it finishes.</summary>
    TUnitResult Train(TUnit unit, Action modelFinished, CancellationToken cancellationToken);

    /// <summary>Summarises the units' results (in plan order) and what running them cost.</summary>
    TResult Summarize(ScheduledRun<TUnitResult> run);
}

/// <summary>
/// What a kind adds to be kept in a run store (<see cref="Store.IRunStore"/>): a description of the experiment whose
/// <see cref="Store.StoredExperiment.Basis"/> holds exactly what every unit's result depends on, a canonical key per
/// unit, and a lossless text form of a unit's result.
/// </summary>
public interface IStorableKind<TUnit, TUnitResult, TResult> : IExperimentKind<TUnit, TUnitResult, TResult>
{
    /// <summary>The experiment as the store records it.</summary>
    Store.StoredExperiment Describe();

    /// <summary>The canonical text of what distinguishes <paramref name="unit"/> from the other units (with
    /// <see cref="Store.StoredExperiment.Basis"/>, all its result depends on).</summary>
    string UnitKey(TUnit unit);

    /// <summary>The models <paramref name="unit"/> trains.</summary>
    int ModelsIn(TUnit unit);

    /// <summary>The text form of a unit's result; <see cref="ReadResult"/> gives back an equal result.</summary>
    string WriteResult(TUnitResult result) => Store.CanonicalJson.Write(result);

    /// <summary>Reads a result written by <see cref="WriteResult"/>.</summary>
    TUnitResult ReadResult(string payload) => Store.CanonicalJson.Read<TUnitResult>(payload);

    /// <summary>The result of a unit that is not in the store (collected from a partial store): each of its models
    /// failed with <paramref name="reason"/>, as a failed training would report it.</summary>
    TUnitResult Missing(TUnit unit, string reason);

    /// <summary>Why a unit's result (or one of its models) failed, or null when it succeeded.</summary>
    string? FailureOf(TUnitResult result);
}

/// <summary>Runs any experiment kind through the <see cref="UnitScheduler"/>.</summary>
public static class KindRunner
{
    /// <summary>Plans, trains every unit on up to <paramref name="threads"/> threads, and summarises.</summary>
    /// <param name="kind">The loaded experiment of some kind.</param>
    /// <param name="threads">Units trained at once.</param>
    /// <param name="progress">Receives one report per finished model.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    public static TResult Run<TUnit, TUnitResult, TResult>(
        IExperimentKind<TUnit, TUnitResult, TResult> kind, int threads, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var total = kind.Models;
        RunTimings.StartTraining();
        var scheduled = UnitScheduler.Run(
            kind.Units,
            threads,
            (unit, counter) => kind.Train(unit, () => progress?.Report(new ModelProgress(counter.Finished(), total)), cancellationToken),
            cancellationToken);
        return kind.Summarize(scheduled);
    }
}

/// <summary>Progress of a run of any kind: models finished so far out of all models.</summary>
/// <param name="Finished">Models finished, those read from a run store included.</param>
/// <param name="Total">Models of the run.</param>
/// <param name="Stored">Of <paramref name="Finished"/>, the models read from the run store instead of trained.</param>
public sealed record ModelProgress(int Finished, int Total, int Stored = 0);
