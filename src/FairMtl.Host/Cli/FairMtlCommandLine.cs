using System.CommandLine;
using FairMtl.Compiled;
using FairMtl.Host.Cluster;
using FairMtl.Host.Kinds;
using FairMtl.Host.Output;
using FairMtl.Host.Progress;
using FairMtl.Host.Running;
using FairMtl.Host.Store;
using FairMtl.Spec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FairMtl.Host.Cli;

/// <summary>
/// The command line: <c>run &lt;experiment.yaml | name&gt; [--out DIR] [--seed N] [--threads N] [--max-models N]</c> (a bare experiment
/// means <c>run</c>), <c>report &lt;results folder&gt;</c> and <c>list</c>. Each command runs inside a generic host (logging to stderr, Ctrl+C cancels).
/// </summary>
public static class FairMtlCommandLine
{
    private static readonly string[] Commands = ["run", "list", "report", "fronts", "runs", "worker", "collect", "status", "submit"];

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Tables and results.</param>
    /// <param name="error">Errors, warnings and plain progress lines.</param>
    /// <param name="compiled">The experiments compiled into the program (the generated registry).</param>
    /// <param name="comparisons">The comparison experiments of the build (the generated registry's <c>Comparisons</c>).</param>
    public static async Task<int> InvokeAsync(
        string[] args, TextWriter output, TextWriter error, IReadOnlyList<CompiledExperiment> compiled, IReadOnlyList<CompiledComparison>? comparisons = null)
    {
        var catalog = new ExperimentKinds(compiled, comparisons ?? []);
        var root = BuildRoot(output, error, catalog);
        var parse = root.Parse(WithDefaultCommand(args));
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync(
                "usage: fairmtl run <experiment.yaml | name> [--out DIR] [--seed N] [--threads N] [--max-models N] [--store FILE | --no-store] [--fresh] " +
                "| fairmtl worker|collect|status <experiment> [--store FILE|URL] | fairmtl submit <experiment> --slurm --store URL [--array N] [--dry-run] " +
                "| fairmtl report <results folder> | fairmtl fronts <results folder> <reference results folder> [--out DIR] [--reference baseline|nadir] | fairmtl list | fairmtl runs list|show ID|diff A B|export EXPERIMENT FILE|import EXPERIMENT FILE [--store FILE|URL]").ConfigureAwait(false);
            return ExitCodes.UserError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = true,
        }).ConfigureAwait(false);
    }

    /// <summary>A first argument that is not a command or an option is an experiment path for <c>run</c>.</summary>
    public static string[] WithDefaultCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !Commands.Contains(args[0]) ? ["run", .. args] : args;

    private static RootCommand BuildRoot(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var experiment = ExperimentArgument();
        var outDirectory = OutOption("Results folder (default: results/<experiment name>/).");
        var seed = SeedOption();
        var threads = ThreadsOption();
        var maxModels = MaxModelsOption();
        var verbose = VerboseOption();
        var store = StoreOption();
        var fresh = new Option<bool>("--fresh") { Description = "Train every model even when the run store holds it (and store it again)." };
        var noStore = new Option<bool>("--no-store") { Description = "Run without a run store: nothing is kept or reused." };
        var run = new Command("run", "Train an experiment (resuming from the run store), print and write the result tables.")
        {
            experiment, outDirectory, seed, threads, maxModels, verbose, store, fresh, noStore,
        };
        run.SetAction((parse, cancellationToken) =>
        {
            var request = new RunRequest(
                parse.GetValue(experiment)!,
                parse.GetValue(outDirectory),
                parse.GetValue(seed),
                parse.GetValue(threads),
                parse.GetValue(maxModels),
                parse.GetValue(store),
                parse.GetValue(fresh),
                parse.GetValue(noStore));
            if (!request.NoStore)
            {
                // Before the host is built: the store's code compiles on the idle core meanwhile.
                _ = StoreLocation.WarmUp(request.Store);
            }

            return RunInHostAsync(request, parse.GetValue(verbose), output, error, catalog, cancellationToken);
        });

        var list = new Command("list", "List the experiments of every kind compiled into this program (YAML and attribute-declared).");
        list.SetAction(_ =>
        {
            foreach (var compiledExperiment in catalog.Compiled)
            {
                output.WriteLine($"{compiledExperiment.Name}\t{compiledExperiment.Kind}\t{compiledExperiment.SourceFile}");
            }

            return ExitCodes.Success;
        });

        var resultsFolder = new Argument<string>("results") { Description = "A results folder written by run (e.g. results/parkinson)." };
        var report = new Command("report", "Rebuild report.html and figures/*.svg of a results folder from its stored files, without training.")
        {
            resultsFolder,
        };
        report.SetAction(parse => ReportCommandHandler.Execute(parse.GetValue(resultsFolder)!, output, error));

        var compared = new Argument<string>("results") { Description = "A sweep's results folder (e.g. results/parkinson-conditional)." };
        var reference = new Argument<string>("reference") { Description = "The sweep it is compared with, on their common points and seeds (e.g. results/parkinson-10seeds)." };
        var frontsOut = new Option<string?>("--out") { Description = "Write fronts-<reference>/ here (default: in the first results folder)." };
        var referencePoint = new Option<string>("--reference")
        {
            Description = "The hypervolume's reference point per seed: the reference run's baseline, or the nadir of both runs' points.",
            DefaultValueFactory = _ => "baseline",
        };
        referencePoint.AcceptOnlyFromAmong("baseline", "nadir");
        var fronts = new Command("fronts", "Compare two sweeps' fronts (or two method comparisons' lambda fronts) seed by seed: hypervolumes, costs and per-point paired differences, with a figure.")
        {
            compared,
            reference,
            frontsOut,
            referencePoint,
        };
        fronts.SetAction(parse => FrontsCommandHandler.Execute(
            parse.GetValue(compared)!, parse.GetValue(reference)!, parse.GetValue(frontsOut), parse.GetValue(referencePoint) == "nadir", output, error));

        return new RootCommand("FairMtl: declarative multi-task learning experiments for fairness research.")
        {
            run, report, fronts, list, Runs(output, error, catalog), Worker(output, error, catalog), Collect(output, error, catalog), Status(output, error, catalog), Submit(output, error, catalog),
        };
    }

    private static Option<string?> StoreOption() =>
        new("--store")
        {
            Description = $"The run store: a SQLite file (default {StoreLocation.Default.Replace('\\', '/')}) or postgres://user@host:port/database " +
                "(password from PGPASSWORD or a PGPASSFILE). Finished models are kept there and reused.",
        };

    private static Argument<string> ExperimentArgument() =>
        new("experiment") { Description = "The experiment YAML file (e.g. experiments/parkinson.yaml) or the name of a compiled experiment (see list)." };

    private static Option<int?> SeedOption() =>
        new("--seed") { Description = "Use the experiment with this one seed instead of its seed list (what a seed replaces depends on the kind)." };

    private static Option<int?> ThreadsOption() =>
        new("--threads") { Description = "Units trained at once (default: one per core). Results do not depend on it." };

    private static Option<long> MaxModelsOption() =>
        new("--max-models")
        {
            Description = $"Refuse to start a run that would train more models than this (default {InputLimits.DefaultMaxModels}).",
            DefaultValueFactory = _ => InputLimits.DefaultMaxModels,
        };

    private static Option<bool> VerboseOption() => new("--verbose") { Description = "Log progress details to stderr." };

    private static Option<string?> OutOption(string description) => new("--out") { Description = description };

    private static Command Worker(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var experiment = ExperimentArgument();
        var store = StoreOption();
        var threads = ThreadsOption();
        var seed = SeedOption();
        var lease = new Option<double?>("--lease") { Description = "Seconds a claim holds without renewal (default 60; renewed every quarter of it)." };
        var maxModels = MaxModelsOption();
        var verbose = VerboseOption();
        var command = new Command("worker", "Claim units of an experiment from the run store until none are left, train them and commit them; writes no result files (collect does).")
        {
            experiment, store, threads, seed, lease, maxModels, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunInHostAsync(
            new RunRequest(parse.GetValue(experiment)!, null, parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(maxModels), parse.GetValue(store), Role: RunRole.Worker, LeaseSeconds: parse.GetValue(lease)),
            parse.GetValue(verbose), output, error, catalog, cancellationToken));
        return command;
    }

    private static Command Collect(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var experiment = ExperimentArgument();
        var store = StoreOption();
        var outDirectory = OutOption("Results folder (default: results/<experiment name>/).");
        var seed = SeedOption();
        var command = new Command("collect", "Write an experiment's tables, figures and report from the run store without training; units not stored yet are listed (exit code 3).")
        {
            experiment, store, outDirectory, seed,
        };
        command.SetAction((parse, cancellationToken) => RunInHostAsync(
            new RunRequest(parse.GetValue(experiment)!, parse.GetValue(outDirectory), parse.GetValue(seed), 1, InputLimits.DefaultMaxModels, parse.GetValue(store), Role: RunRole.Collect),
            false, output, error, catalog, cancellationToken));
        return command;
    }

    private static Command Status(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var experiment = ExperimentArgument();
        var store = StoreOption();
        var seed = SeedOption();
        var command = new Command("status", "Where an experiment's units stand in the run store: done, failed, running (worker, lease age), pending, and the time left.")
        {
            experiment, store, seed,
        };
        command.SetAction(parse => StatusCommandHandler.Execute(catalog, parse.GetValue(experiment)!, parse.GetValue(seed), parse.GetValue(store), output, error));
        return command;
    }

    private static Command Submit(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var experiment = ExperimentArgument();
        var slurm = new Option<bool>("--slurm") { Description = "Submit to Slurm (sbatch): a job array of workers and a collect job after it." };
        var array = new Option<int>("--array") { DefaultValueFactory = _ => 4, Description = "Workers in the job array (default 4)." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's)." };
        var time = new Option<string?>("--time") { Description = "Time limit per worker, in Slurm's format (e.g. 2:00:00)." };
        var cpus = new Option<int>("--cpus-per-task") { DefaultValueFactory = _ => 1, Description = "Cores per worker: its training threads (default 1)." };
        var store = StoreOption();
        var outDirectory = OutOption("Results folder (default: results/<experiment name>/); the scripts go into its slurm/ folder.");
        var seed = SeedOption();
        var maxModels = MaxModelsOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the sbatch scripts and submit nothing." };
        var command = new Command("submit", "Run an experiment on a cluster: writes sbatch scripts into the results folder and submits them.")
        {
            experiment, slurm, array, partition, time, cpus, store, outDirectory, seed, maxModels, dryRun,
        };
        command.SetAction(parse => SubmitCommandHandler.Execute(
            catalog,
            new SubmitRequest(
                parse.GetValue(experiment)!, parse.GetValue(slurm), parse.GetValue(array), parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus),
                parse.GetValue(store), parse.GetValue(outDirectory), parse.GetValue(seed), parse.GetValue(maxModels), parse.GetValue(dryRun)),
            output,
            error));
        return command;
    }

    private static Command Runs(TextWriter output, TextWriter error, ExperimentKinds catalog)
    {
        var listStore = StoreOption();
        var list = new Command("list", "List the results the run store keeps: experiment, kind, code versions, dates, units stored, status.") { listStore };
        list.SetAction(parse => RunsCommandHandler.List(parse.GetValue(listStore), output, error));

        var showStore = StoreOption();
        var id = new Argument<long>("id") { Description = "A result id (runs list)." };
        var show = new Command("show", "Show one stored result: its spec, versions and tables.") { id, showStore };
        show.SetAction(parse => RunsCommandHandler.Show(parse.GetValue(showStore), parse.GetValue(id), output, error));

        var diffStore = StoreOption();
        var first = new Argument<long>("a") { Description = "The earlier result's id." };
        var second = new Argument<long>("b") { Description = "The later result's id." };
        var diff = new Command("diff", "List the table cells that moved between two stored results.") { first, second, diffStore };
        diff.SetAction(parse => RunsCommandHandler.Diff(parse.GetValue(diffStore), parse.GetValue(first), parse.GetValue(second), output, error));

        var exportExperiment = ExperimentArgument();
        var exportFile = new Argument<string>("file") { Description = "The file to write (JSON lines; gzip when it ends in .gz)." };
        var exportStore = StoreOption();
        var exportSeed = SeedOption();
        var export = new Command("export", "Write the experiment's units that the run store holds to a file, to import into another store.")
        {
            exportExperiment, exportFile, exportStore, exportSeed,
        };
        export.SetAction(parse => RunsCommandHandler.Export(
            catalog, parse.GetValue(exportExperiment)!, parse.GetValue(exportSeed), parse.GetValue(exportFile)!, parse.GetValue(exportStore), output, error));

        var importExperiment = ExperimentArgument();
        var importFile = new Argument<string>("file") { Description = "A file written by `runs export`." };
        var importStore = StoreOption();
        var importSeed = SeedOption();
        var verify = new Option<int>("--verify")
        {
            Description = "Also take the file's units of this experiment that another build of the code trained: train this many of them again first, and take them all only if each gives the same result (default 0: take none).",
        };
        var importThreads = ThreadsOption();
        var import = new Command("import", "Put an exported file's units of the experiment (as this build plans it) into the run store; a run then trains only the rest.")
        {
            importExperiment, importFile, importStore, importSeed, verify, importThreads,
        };
        import.SetAction((parse, cancellationToken) => Task.FromResult(RunsCommandHandler.Import(
            catalog,
            new RunsCommandHandler.ImportRequest(
                parse.GetValue(importExperiment)!, parse.GetValue(importSeed), parse.GetValue(importFile)!, parse.GetValue(importStore), parse.GetValue(verify),
                parse.GetValue(importThreads) ?? Environment.ProcessorCount),
            output,
            error,
            cancellationToken)));

        return new Command("runs", "The history of results kept in the run store.") { list, show, diff, export, import };
    }

    private static async Task<int> RunInHostAsync(
        RunRequest request, bool verbose, TextWriter output, TextWriter error, ExperimentKinds catalog, CancellationToken cancellationToken)
    {
        // No default configuration sources (appsettings, environment, user secrets): the command line is the only
        // input, and skipping them saves a tenth of a second per run. Console logging and Ctrl+C handling stay.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Environment.CurrentDirectory,
            DisableDefaults = true,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddSingleton<IRunProgressDisplay>(_ => CreateProgressDisplay(output, error));
        builder.Services.AddSingleton<ITableWriter>(_ => CreateTableWriter(output));
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<RunCommandHandler>();

        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            return await host.Services.GetRequiredService<RunCommandHandler>()
                .ExecuteAsync(request, output, error, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The live bar when both output streams are an interactive terminal; else progress lines on stderr.</summary>
    private static IRunProgressDisplay CreateProgressDisplay(TextWriter output, TextWriter error) =>
        IsInteractiveTerminal(output) && !Console.IsErrorRedirected
            ? new SpectreProgressDisplay(AnsiConsole.Console)
            : new PlainProgressDisplay(error);

    /// <summary>Spectre.Console tables when the output is an interactive terminal; else Markdown tables.</summary>
    private static ITableWriter CreateTableWriter(TextWriter output) =>
        IsInteractiveTerminal(output) ? new SpectreTableWriter(AnsiConsole.Console) : new MarkdownTableWriter(output);

    /// <summary>
    /// Whether <paramref name="output"/> is the process's standard output, not redirected, and an interactive terminal
    /// (never for a captured writer, as in the tests).
    /// </summary>
    private static bool IsInteractiveTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
