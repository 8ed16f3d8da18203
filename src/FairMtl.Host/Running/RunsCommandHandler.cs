using System.Globalization;
using FairMtl.Host.Output;
using FairMtl.Host.Store;
using FairMtl.Reports;
using FairMtl.Store;

namespace FairMtl.Host.Running;

/// <summary>
/// The <c>runs</c> commands: the history a run store keeps. <c>runs list</c> shows every stored result (experiment,
/// kind, code versions, dates, units stored of all, status); <c>runs show ID</c> one result with its tables;
/// <c>runs diff A B</c> the table cells that moved between two complete results, as the snapshot tests report them.
/// </summary>
public static class RunsCommandHandler
{
    /// <summary><c>runs list</c>.</summary>
    public static int List(string? storePath, TextWriter output, TextWriter error) =>
        WithStore(storePath, error, store =>
        {
            var results = store.Results();
            if (results.Count == 0)
            {
                output.WriteLine($"The run store {store.Location} holds no results yet.");
                return ExitCodes.Success;
            }

            var rows = results.Select(result => new object?[]
            {
                result.Id, result.Experiment, result.Kind, Short(result.NumericsVersion), result.CodeVersion, result.Created, result.Updated,
                string.Create(CultureInfo.InvariantCulture, $"{result.StoredUnits}/{result.Units}"), Status(result),
            }).ToArray();
            var table = new Table(
                "runs",
                $"Results in the run store {store.Location}",
                [new("id"), new("experiment"), new("kind"), new("numerics"), new("code"), new("created"), new("updated"), new("units stored"), new("status")],
                rows);
            new MarkdownTableWriter(output).WriteAsync(table).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });

    /// <summary><c>runs show ID</c>.</summary>
    public static int Show(string? storePath, long id, TextWriter output, TextWriter error) =>
        WithStore(storePath, error, store =>
        {
            if (Find(store, id, error) is not { } detail)
            {
                return ExitCodes.UserError;
            }

            var result = detail.Summary;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"""
                result {result.Id}: {result.Experiment} ({result.Kind}), {Status(result)}, {result.StoredUnits} of {result.Units} units stored
                numerics version {result.NumericsVersion}; code {result.CodeVersion}
                first run {result.Created}, last {result.Updated}; identity {result.Identity}
                spec: {detail.Spec}
                """));
            output.WriteLine();
            output.Write(detail.Snapshot ?? "No run of this result finished, so it has no tables yet: rerun it to resume.\n");
            return ExitCodes.Success;
        });

    /// <summary><c>runs diff A B</c>: exit code 0 whether or not cells moved; the list says which.</summary>
    public static int Diff(string? storePath, long first, long second, TextWriter output, TextWriter error) =>
        WithStore(storePath, error, store =>
        {
            if (Find(store, first, error) is not { } a || Find(store, second, error) is not { } b)
            {
                return ExitCodes.UserError;
            }

            foreach (var (detail, id) in new[] { (a, first), (b, second) })
            {
                if (detail.Snapshot is null)
                {
                    error.WriteLine($"error: result {id} has no tables (no run of it finished); rerun it to resume, then compare");
                    return ExitCodes.UserError;
                }
            }

            var differences = ResultSnapshot.Differences(a.Snapshot!, b.Snapshot!, maxLines: 200);
            output.WriteLine(differences.Count == 0
                ? $"No cell moved between result {first} ({a.Summary.Experiment}) and result {second} ({b.Summary.Experiment})."
                : $"Cells that moved from result {first} ({a.Summary.Experiment}) to result {second} ({b.Summary.Experiment}):");
            foreach (var line in differences)
            {
                output.WriteLine(line);
            }

            return ExitCodes.Success;
        });

    /// <summary><c>runs export EXPERIMENT FILE</c>: the experiment's stored units into a file.</summary>
    public static int Export(Kinds.ExperimentKinds kinds, string experimentArgument, int? seed, string file, string? storePath, TextWriter output, TextWriter error) =>
        WithStore(storePath, error, store =>
        {
            var experiment = kinds.Resolve(experimentArgument, seed);
            var units = experiment.Prepare().Export(store);
            try
            {
                UnitArchive.Write(file, experiment.Name, units);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write {file}: {exception.Message}");
                return ExitCodes.UserError;
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Exported {units.Count} units ({units.Sum(unit => unit.Models)} models) of {experiment.Name} from the run store {store.Location} to {file}."));
            var numerics = NumericsVersion.For(experiment.Engine);
            var others = store.Results()
                .Where(result => result.Experiment == experiment.Name && result.NumericsVersion != numerics)
                .Select(result => Short(result.NumericsVersion))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (units.Count == 0 && others.Length > 0)
            {
                output.WriteLine(
                    $"The store holds results of {experiment.Name} from other builds (numerics versions {string.Join(", ", others)}; this one is {Short(numerics)}): "
                    + "their units are not this build's to reuse (runs list).");
            }

            return ExitCodes.Success;
        });

    /// <summary>What <c>runs import</c> was asked.</summary>
    /// <param name="Experiment">The experiment argument.</param>
    /// <param name="Seed"><c>--seed</c>.</param>
    /// <param name="File">The exported file.</param>
    /// <param name="Store"><c>--store</c>.</param>
    /// <param name="Verify"><c>--verify</c>: units of another build to train again before taking them (0: none).</param>
    /// <param name="Threads">Units trained at once while verifying.</param>
    public sealed record ImportRequest(string Experiment, int? Seed, string File, string? Store, int Verify, int Threads);

    /// <summary><c>runs import EXPERIMENT FILE</c>: an exported file's units of the experiment into the store (made when
    /// it does not exist yet).</summary>
    public static int Import(Kinds.ExperimentKinds kinds, ImportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var file = request.File;
        if (request.Verify < 0)
        {
            error.WriteLine($"error: --verify must be 0 or more, got {request.Verify.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.UserError;
        }

        string archived;
        IReadOnlyList<FinishedUnit> units;
        try
        {
            (archived, units) = UnitArchive.Read(file);
        }
        catch (UnitArchiveException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {file}: {exception.Message}");
            return ExitCodes.UserError;
        }

        return Guarded(error, () =>
        {
            var experiment = kinds.Resolve(request.Experiment, request.Seed);
            if (!string.Equals(archived, experiment.Name, StringComparison.Ordinal))
            {
                error.WriteLine($"error: {file} holds units of '{archived}', not of '{experiment.Name}'");
                return ExitCodes.UserError;
            }

            var prepared = experiment.Prepare();
            using var store = StoreLocation.Open(request.Store);
            ImportAccount account;
            try
            {
                account = prepared.Import(store, units, request.Verify, Math.Max(1, request.Threads), cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                error.WriteLine($"error: {file}: {exception.Message}");
                return ExitCodes.UserError;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Cancelled while verifying: nothing was imported.");
                return ExitCodes.Cancelled;
            }

            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"Imported {account.Imported} units of {experiment.Name} into the run store {store.Location}; {account.AlreadyStored} were stored already."));
            if (account.FromOtherBuild > 0)
            {
                output.WriteLine(string.Create(
                    c,
                    $"{account.FromOtherBuild} of them were trained by another build of the code: {account.Verified} trained again here gave the file's results byte for byte, so all were taken under this build's identities."));
            }

            if (account.Read > account.OfThisPlan)
            {
                var hint = request.Verify == 0 ? "; if only the code changed, --verify N trains N of them again and takes them all when each gives the same result." : ".";
                output.WriteLine(string.Create(
                    c,
                    $"{account.Read - account.OfThisPlan} of the file's {account.Read} belong to another plan (another spec, data file or numerics version) and were left out{hint}"));
            }

            output.WriteLine(string.Create(c, $"A run now trains the other {account.PlanUnits - account.OfThisPlan} of its {account.PlanUnits} units."));
            return ExitCodes.Success;
        });
    }

    private static StoredResultDetail? Find(IRunStore store, long id, TextWriter error)
    {
        var detail = store.Result(id);
        if (detail is null)
        {
            error.WriteLine($"error: the run store {store.Location} has no result {id.ToString(CultureInfo.InvariantCulture)} (runs list shows the ids)");
        }

        return detail;
    }

    /// <summary>Opens the store <paramref name="storePath"/> names (refusing one that does not exist, instead of
    /// creating it) and runs <paramref name="action"/> on it; an unusable store is exit code 4, an input mistake 2.</summary>
    internal static int WithStore(string? storePath, TextWriter error, Func<IRunStore, int> action)
    {
        if (!StoreLocation.Exists(storePath))
        {
            error.WriteLine("error: " + StoreLocation.Missing(storePath));
            return ExitCodes.UserError;
        }

        return Guarded(error, () =>
        {
            using var store = StoreLocation.Open(storePath);
            return action(store);
        });
    }

    /// <summary>Runs <paramref name="action"/>; an unusable store is exit code 4, an input mistake 2, each one message.</summary>
    private static int Guarded(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RunStoreException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return ExitCodes.StoreError;
        }
        catch (Diagnostics.FairMtlException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.UserError;
        }
    }

    private static string Status(StoredResult result) =>
        result.Complete ? "complete" : result.StoredUnits == result.Units ? "trained, tables not written" : "partial";

    private static string Short(string version) => version.Length > 12 ? version[..12] : version;
}
