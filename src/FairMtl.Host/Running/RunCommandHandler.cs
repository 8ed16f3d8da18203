using System.Diagnostics;
using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Execution;
using FairMtl.Host.Output;
using FairMtl.Host.Progress;
using FairMtl.Reports;
using FairMtl.Spec;
using FairMtl.Sweeps;
using Microsoft.Extensions.Logging;

namespace FairMtl.Host.Running;

/// <summary>
/// The <c>run</c> command: load and validate the experiment, prepare its data, train the baseline and the sweep,
/// print the tables and write the result files.
/// </summary>
public sealed class RunCommandHandler(
    ExperimentCatalog catalog, IRunProgressDisplay progressDisplay, ITableWriter tableWriter, ILogger<RunCommandHandler> logger)
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled: no result files were written.").ConfigureAwait(false);
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

        if (ExperimentCatalog.ResolveComparison(request.Experiment) is { } comparison)
        {
            ModelCount.Check(comparison, request.MaxModels);
            return await RunComparisonAsync(comparison, request, output, error, cancellationToken).ConfigureAwait(false);
        }

        var stopwatch = Stopwatch.StartNew();
        var resolved = catalog.Resolve(request.Experiment);
        var experiment = ApplyOverrides(resolved.Experiment, request);
        ModelCount.Check(experiment, request.MaxModels);
        var data = DataPreparation.Prepare(experiment);
        var loadSeconds = stopwatch.Elapsed.TotalSeconds;
        var spec = experiment.Spec;
        var threads = request.Threads ?? Environment.ProcessorCount;
        var outputDirectory = request.OutputDirectory ?? Path.Combine("results", spec.Name);
        logger.LogInformation("Loaded {Experiment} and {Rows} data rows in {Seconds:F2} s", spec.Name, data.Provenance.Rows, loadSeconds);

        await output.WriteLineAsync(Header(experiment, data, threads, resolved.CompiledWeighting is not null)).ConfigureAwait(false);
        var plan = SweepPlan.Create(spec);
        var result = await progressDisplay.TrackAsync<RunProgress, ExperimentResult>(
            $"Training {spec.Name}",
            plan.RunCount,
            progress => ExperimentRunner.Run(experiment, data, threads, progress, loadSeconds, cancellationToken, resolved.CompiledWeighting, request.MaxModels))
            .ConfigureAwait(false);

        var tables = new List<Table> { ResultTables.Baseline(result), ResultTables.Sweep(result), ResultTables.Pareto(result) };
        if (spec.Sweep.Seeds.Count > 1)
        {
            tables.Add(ResultTables.Seeds(result));
        }

        foreach (var table in tables)
        {
            await tableWriter.WriteAsync(table).ConfigureAwait(false);
        }

        await output.WriteLineAsync(result.Seeds.Verdict).ConfigureAwait(false);

        var written = ResultWriter.Write(result, outputDirectory, CodeVersion.Current);
        await ReportWrittenAsync(output, plan.RunCount, result.Timings, threads, written, outputDirectory).ConfigureAwait(false);

        var failures = result.Failures.ToArray();
        foreach (var failure in failures)
        {
            var where = failure.Point is null ? "baseline" : $"point {failure.Point.Index} ({DescribePoint(spec, failure.Point)})";
            await error.WriteLineAsync($"warning: {where}, seed {failure.Seed} failed: {failure.Failure}").ConfigureAwait(false);
        }

        return failures.Length == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }

    private async Task<int> RunComparisonAsync(
        LoadedComparison comparison, RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Seed is { } seed)
        {
            comparison = comparison with { Spec = comparison.Spec with { Protocol = comparison.Spec.Protocol with { Seed = seed } } };
        }

        var spec = comparison.Spec;
        var threads = request.Threads ?? Environment.ProcessorCount;
        var outputDirectory = request.OutputDirectory ?? Path.Combine("results", spec.Name);
        if (spec.IsMultiTask)
        {
            return await RunMultiTaskAsync(comparison, threads, request.MaxModels, outputDirectory, output, error, cancellationToken).ConfigureAwait(false);
        }

        var units = ComparisonRunner.Units(spec).Length;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"""
            # {spec.Name}
            {spec.Description}

            methods: {string.Join(", ", spec.Methods.Select(m => m.Name))}; {spec.Protocol.Repetitions} repetition(s) of a seeded {1 - spec.Protocol.Validation - spec.Protocol.Test:0.##}/{spec.Protocol.Validation:0.##}/{spec.Protocol.Test:0.##} split (seed {spec.Protocol.Seed} + repetition)
            front: {(spec.Front.Lambdas.Count == 0 ? "none" : $"{string.Join(", ", spec.Front.Methods)} over {spec.Front.Lambdas.Count} lambdas")}; {units} models; {threads} thread(s)

            """)).ConfigureAwait(false);
        var result = await progressDisplay.TrackAsync<ComparisonProgress, ComparisonResult>(
            $"Training {spec.Name}",
            units,
            progress => ComparisonRunner.Run(comparison, threads, progress, cancellationToken, request.MaxModels))
            .ConfigureAwait(false);
        logger.LogInformation("Loaded {Experiment} ({Rows} rows) in {Seconds:F2} s", spec.Name, result.Rows, result.Timings.LoadSeconds);

        var tables = new List<Table> { ComparisonTables.Methods(result) };
        if (result.Front.Count > 0)
        {
            tables.Add(ComparisonTables.Front(result));
        }

        foreach (var table in tables)
        {
            await tableWriter.WriteAsync(table).ConfigureAwait(false);
        }

        var written = ResultWriter.Write(result, outputDirectory, CodeVersion.Current);
        await ReportWrittenAsync(output, units, result.Timings, threads, written, outputDirectory).ConfigureAwait(false);
        var failures = result.Runs.Where(run => run.Failure is not null).ToArray();
        foreach (var failure in failures)
        {
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: method {failure.Method} (lambda {failure.Lambda}), repetition {failure.Repetition} failed: {failure.Failure}")).ConfigureAwait(false);
        }

        return failures.Length == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }

    private async Task<int> RunMultiTaskAsync(
        LoadedComparison comparison, int threads, long maxModels, string outputDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var spec = comparison.Spec;
        var settings = MultiTaskSweep.Settings(spec.Sweep, spec.Tasks.Count);
        var units = MultiTaskRunner.Units(spec, settings).Length;
        var split = spec.Protocol.Split == SplitKind.Files
            ? $"the files' own split (data.file: training and {spec.Protocol.Validation:0.##} validation; data.append: test)"
            : $"a seeded {1 - spec.Protocol.Validation - spec.Protocol.Test:0.##}/{spec.Protocol.Validation:0.##}/{spec.Protocol.Test:0.##} split";
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"""
            # {spec.Name}
            {spec.Description}

            methods: {string.Join(", ", spec.Methods.Select(m => m.Name))} over {settings.Count} {spec.Sweep.Kind.ToString().ToLowerInvariant()} settings; tasks: {string.Join(", ", spec.Tasks.Select(t => t.Name))}
            {spec.Protocol.Repetitions} repetition(s) of {split}; {units} models (single-task references included); {threads} thread(s)

            """)).ConfigureAwait(false);
        var result = await progressDisplay.TrackAsync<ComparisonProgress, MultiTaskResult>(
            $"Training {spec.Name}",
            units,
            progress => MultiTaskRunner.Run(comparison, threads, progress, cancellationToken, maxModels))
            .ConfigureAwait(false);
        await tableWriter.WriteAsync(MultiTaskTables.Methods(result)).ConfigureAwait(false);
        var written = ResultWriter.Write(result, outputDirectory, CodeVersion.Current);
        await ReportWrittenAsync(output, units, result.Timings, threads, written, outputDirectory).ConfigureAwait(false);
        var failures = result.References.Concat(result.Runs).Where(run => run.Failure is not null).ToArray();
        foreach (var failure in failures)
        {
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: {failure.Method} (setting {failure.Setting?.Index ?? -1}), repetition {failure.Repetition} failed: {failure.Failure}")).ConfigureAwait(false);
        }

        return failures.Length == 0 ? ExitCodes.Success : ExitCodes.RunsFailed;
    }

    private static async Task ReportWrittenAsync(
        TextWriter output, int models, RunTimings timings, int threads, IReadOnlyList<string> written, string outputDirectory)
    {
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Trained {models} models ({timings.Steps} optimizer steps) in {timings.TrainSeconds:F2} s on {threads} thread(s)."))
            .ConfigureAwait(false);
        var byFolder = written.ToLookup(path => Path.GetFileName(Path.GetDirectoryName(path)) == ReportWriter.FiguresFolder);
        var figures = byFolder[true].Count();
        await output.WriteLineAsync($"Wrote {string.Join(", ", byFolder[false].Select(Path.GetFileName))} and {figures} {(figures == 1 ? "figure" : "figures")} ({ReportWriter.FiguresFolder}/*.svg) to {outputDirectory}").ConfigureAwait(false);
    }

    private static LoadedExperiment ApplyOverrides(LoadedExperiment experiment, RunRequest request)
    {
        if (request.Seed is not { } seed)
        {
            return experiment;
        }

        var spec = experiment.Spec;
        return experiment with { Spec = spec with { Sweep = spec.Sweep with { Seeds = new[] { seed } } } };
    }

    private static string Header(LoadedExperiment experiment, PreparedData data, int threads, bool compiled)
    {
        var spec = experiment.Spec;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"""
            # {spec.Name}
            {spec.Description}

            data: {data.Provenance.DisplayPath} ({data.Provenance.Rows} rows, sha256 {data.Provenance.Sha256[..12]}...), {data.FeatureNames.Count} inputs
            split (seed {spec.Data.Split.Seed}): {data.Train.Rows} train, {data.Validation.Rows} validation, {data.Test.Rows} test
            groups: {data.Groups.Description}
            loss: {spec.Loss} ({(compiled ? "compiled C#" : "interpreted")}); {spec.Sweep.PointCount} sweep points x {spec.Sweep.Seeds.Count} seed(s); {threads} thread(s)

            """);
    }

    private static string DescribePoint(ExperimentSpec spec, SweepPoint point) =>
        string.Join(", ", spec.Sweep.Variables.Select((variable, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{variable.Name}={point.Values[i]}")));
}
