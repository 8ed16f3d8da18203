using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Execution;
using FairMtl.Host.Kinds;
using FairMtl.Host.Output;
using FairMtl.Host.Progress;
using FairMtl.Host.Store;
using FairMtl.Reports;
using FairMtl.Store;
using Microsoft.Extensions.Logging;

namespace FairMtl.Host.Running;

/// <summary>
/// The <c>run</c> command, one flow for every experiment kind: resolve the experiment (a compiled name or a file of any
/// kind), refuse a run over the model limit or on an engine this program lacks, load and check its data, train it
/// through the one scheduler with a progress display, print the tables and write the result files.
/// </summary>
public sealed class RunCommandHandler(
    ExperimentKinds kinds, IRunProgressDisplay progressDisplay, ITableWriter tableWriter, ILogger<RunCommandHandler> logger)
{
    /// <summary>Runs the command and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public async Task<int> ExecuteAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteCoreAsync(request, output, error, cancellationToken).ConfigureAwait(false);
        }
        catch (FairMtlException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.UserError;
        }
        catch (RunStoreException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.StoreError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var kept = request.NoStore
                ? string.Empty
                : $" The models finished so far are kept in the run store {StoreLocation.Display(request.Store)}: rerun the same command to resume.";
            await error.WriteLineAsync("Cancelled: no result files were written." + kept).ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    private async Task<int> ExecuteCoreAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Threads is < 1)
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, null, $"--threads must be at least 1, got {request.Threads}");
        }

        if (request.MaxModels < 1)
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, null, $"--max-models must be at least 1, got {request.MaxModels}");
        }

        var warming = request.NoStore ? null : StoreLocation.WarmUp(request.Store);
        var experiment = kinds.Resolve(request.Experiment, request.Seed);

        if (request.NoStore && (request.Fresh || request.Store is not null))
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, null, "--no-store runs without a run store; it does not go with --store or --fresh");
        }

        if (request.Role == RunRole.Collect && !StoreLocation.Exists(request.Store))
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, null, "collect: " + StoreLocation.Missing(request.Store));
        }

        if (request.LeaseSeconds is <= 0 or > 86400)
        {
            throw new FairMtlException(DiagnosticCodes.InvalidValue, null, string.Create(CultureInfo.InvariantCulture, $"--lease must be between 0 and 86400 seconds, got {request.LeaseSeconds}"));
        }

        experiment.CheckModels(request.MaxModels);
        // A collect trains nothing, but finds the stored units by identities that name the engine's build (a torch
        // experiment's units: the torch engine's), so it needs the engine as much as the workers that trained them.
        EngineAvailability.Require(experiment, request.Experiment);

        var threads = request.Threads ?? Environment.ProcessorCount;
        var outputDirectory = request.OutputDirectory ?? Path.Combine("results", experiment.Name);
        if (request.Role != RunRole.Worker)
        {
            ResultFiles.CheckWritable(outputDirectory); // before hours of training, not after
        }

        // The store opens (its statements rehearsed, its code compiled by the warm-up) on the idle core while the data
        // loads on this one, so that none of that is left for the training threads.
        var opening = warming is null ? null : Task.Run(async () =>
        {
            await warming.ConfigureAwait(false);
            return OpenRehearsed(request.Store, Lease(request));
        }, CancellationToken.None);
        IPreparedRun prepared;
        try
        {
            prepared = experiment.Prepare();
        }
        catch
        {
            await DisposeQuietlyAsync(opening).ConfigureAwait(false);
            throw;
        }

        using var store = opening is null ? null : await opening.ConfigureAwait(false);
        var storeOptions = store is null
            ? null
            : new StoreOptions(store, request.Fresh, request.Role == RunRole.Collect ? StoreMode.Collect : StoreMode.Train, Lease(request) / 4);
        await output.WriteLineAsync(prepared.Header(threads)).ConfigureAwait(false);
        var outcome = await progressDisplay.TrackAsync(
            $"{(request.Role == RunRole.Collect ? "Collecting" : "Training")} {experiment.Name}", prepared.Models, progress => prepared.Run(threads, progress, storeOptions, cancellationToken))
            .ConfigureAwait(false);
        logger.LogInformation("Loaded {Experiment} in {Seconds:F2} s", experiment.Name, outcome.Timings.LoadSeconds);
        if (request.Role == RunRole.Worker)
        {
            var account = outcome.Store!;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Worker {WorkerId.Current} trained {account.TrainedUnits} of {account.Units} units of {experiment.Name} in {outcome.Timings.TrainSeconds:F2} s; the other {account.StoredUnits} were trained by other workers or earlier runs. Every unit is in the run store {store!.Location} (result {account.ResultId}): `collect` writes the tables.")).ConfigureAwait(false);
            if (account.Latency is { } latency)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Store time: claims {latency.ClaimTotalMs / Math.Max(1, account.TrainedUnits):F2} ms per unit trained ({latency.Claims} claims, median {latency.ClaimMedianMs:F2} ms, p99 {latency.ClaimP99Ms:F2} ms), commit median {latency.CommitMedianMs:F2} ms (p99 {latency.CommitP99Ms:F2} ms, {latency.Commits} commits).")).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }

        foreach (var table in outcome.Tables)
        {
            await tableWriter.WriteAsync(table).ConfigureAwait(false);
        }

        if (outcome.Verdict is { } verdict)
        {
            await output.WriteLineAsync(verdict).ConfigureAwait(false);
        }

        // The store records the tables first: a result whose files then fail to be written is complete in the store.
        if (store is not null && outcome.Store is { MissingUnits: 0 } complete)
        {
            store.CompleteResult(complete.ResultId, outcome.Snapshot());
        }

        IReadOnlyList<string> written;
        try
        {
            written = outcome.Write(outputDirectory);
        }
        catch (FairMtlException exception) when (exception.Code == DiagnosticCodes.ResultFolder && store is not null)
        {
            throw new FairMtlException(
                exception.Code, exception.Location, $"{exception.Detail}; the trained models are kept in the run store {store.Location}: rerun with a writable --out to write them without training");
        }

        await ReportWrittenAsync(output, prepared.Models, outcome, written, outputDirectory, store?.Location, request.Role == RunRole.Collect).ConfigureAwait(false);
        foreach (var failure in outcome.Failures)
        {
            await error.WriteLineAsync(failure).ConfigureAwait(false);
        }

        return outcome.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }

    private static TimeSpan Lease(RunRequest request) => TimeSpan.FromSeconds(request.LeaseSeconds ?? 60);

    private static IRunStore OpenRehearsed(string? option, TimeSpan lease)
    {
        var store = StoreLocation.Open(option, lease);
        try
        {
            (store as SqliteRunStore)?.Rehearse();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Closes a store that was being opened for a run that stopped before training; its own error, if any, is
    /// not the one to report.</summary>
    private static async Task DisposeQuietlyAsync(Task<IRunStore>? opening)
    {
        if (opening is null)
        {
            return;
        }

        try
        {
            (await opening.ConfigureAwait(false)).Dispose();
        }
        catch (Exception exception) when (exception is RunStoreException or FairMtlException)
        {
            // The input mistake that stopped the run is what the user needs to see first.
        }
    }

    private static async Task ReportWrittenAsync(
        TextWriter output, int models, RunOutcome outcome, IReadOnlyList<string> written, string outputDirectory, string? store, bool collected)
    {
        var timings = outcome.Timings;
        var line = collected && outcome.Store is { } collect
            ? collect.MissingUnits == 0
                ? string.Create(CultureInfo.InvariantCulture, $"Collected all {models} models from the run store {store} (result {collect.ResultId}).")
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"Collected {collect.StoredModels} of {models} models from the run store {store} (result {collect.ResultId}); {collect.MissingUnits} of its {collect.Units} units are not in it yet (each is listed below as failed, with where it stands).")
            : outcome.Store is { StoredModels: > 0 } account
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Trained {models - account.StoredModels} of {models} models in {timings.TrainSeconds:F2} s on {timings.Threads} thread(s); the other {account.StoredModels} were already in the run store {store} (result {account.ResultId}); {timings.Steps} optimizer steps in all.")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Trained {models} models ({timings.Steps} optimizer steps) in {timings.TrainSeconds:F2} s on {timings.Threads} thread(s).");
        await output.WriteLineAsync(line).ConfigureAwait(false);
        if (!collected && outcome.Store is { StoredModels: 0 } fresh)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Kept in the run store {store} as result {fresh.ResultId}.")).ConfigureAwait(false);
        }

        var byFolder = written.ToLookup(path => Path.GetFileName(Path.GetDirectoryName(path)) == ReportWriter.FiguresFolder);
        var figures = byFolder[true].Count();
        await output.WriteLineAsync($"Wrote {string.Join(", ", byFolder[false].Select(Path.GetFileName))} and {figures} {(figures == 1 ? "figure" : "figures")} ({ReportWriter.FiguresFolder}/*.svg) to {outputDirectory}").ConfigureAwait(false);
    }
}
