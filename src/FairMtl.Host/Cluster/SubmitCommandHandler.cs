using System.Globalization;
using FairMtl.Diagnostics;
using FairMtl.Host.Kinds;
using FairMtl.Host.Running;
using FairMtl.Host.Store;

namespace FairMtl.Host.Cluster;

/// <summary>The <c>submit</c> command's arguments.</summary>
/// <param name="Experiment">The experiment file or compiled name.</param>
/// <param name="Slurm">Whether <c>--slurm</c> was given (the only scheduler so far; it must be named).</param>
/// <param name="Tasks">Workers in the job array.</param>
/// <param name="Partition">The partition, or null.</param>
/// <param name="Time">The time limit per worker, or null.</param>
/// <param name="CpusPerTask">Cores per worker.</param>
/// <param name="Store">The PostgreSQL run store's address.</param>
/// <param name="OutputDirectory">The results folder, or null for <c>results/&lt;name&gt;</c>.</param>
/// <param name="Seed">A <c>--seed</c> to pass on, or null.</param>
/// <param name="MaxModels">The model limit (FMTL018).</param>
/// <param name="DryRun">Write the scripts only.</param>
public sealed record SubmitRequest(
    string Experiment, bool Slurm, int Tasks, string? Partition, string? Time, int CpusPerTask, string? Store, string? OutputDirectory, int? Seed, long MaxModels, bool DryRun);

/// <summary>
/// The <c>submit</c> command: checks the experiment and the store address, writes the sbatch scripts into the results
/// folder and (unless <c>--dry-run</c>) submits the worker array and the collect job after it, printing their job ids.
/// </summary>
public static class SubmitCommandHandler
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Execute(ExperimentKinds kinds, SubmitRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (!request.Slurm)
            {
                throw Wrong("submit needs a scheduler: --slurm (the only one so far)");
            }

            if (request.Tasks < 1 || request.CpusPerTask < 1)
            {
                throw Wrong(string.Create(CultureInfo.InvariantCulture, $"--array and --cpus-per-task must be at least 1, got {request.Tasks} and {request.CpusPerTask}"));
            }

            if (!PostgresAddress.IsAddress(request.Store))
            {
                throw Wrong("submit needs a run store that every node reaches: --store postgres://user@host:port/database (a SQLite file is for one machine)");
            }

            var address = PostgresAddress.Parse(request.Store!);
            if (address.Password is not null)
            {
                throw Wrong($"--store {address.Display}: the password would be written into the sbatch scripts; leave it out of the address and set PGPASSWORD or a PGPASSFILE (the jobs inherit the environment)");
            }

            var experiment = kinds.Resolve(request.Experiment, request.Seed);

            experiment.CheckModels(request.MaxModels);
            EngineAvailability.Require(experiment, request.Experiment); // the jobs run this program
            var outputDirectory = Path.GetFullPath(request.OutputDirectory ?? Path.Combine("results", experiment.Name));
            var argument = File.Exists(request.Experiment) ? Path.GetFullPath(request.Experiment) : request.Experiment;
            var slurm = new SlurmRequest(argument, experiment.Name, address.Display, outputDirectory, request.Tasks, request.CpusPerTask, request.Partition, request.Time, request.Seed);
            var (workerScript, collectScript) = SlurmSubmission.Write(slurm, SlurmSubmission.HostCommand());
            output.WriteLine($"Wrote {workerScript} and {collectScript}.");
            if (request.DryRun)
            {
                output.WriteLine($"Dry run: nothing submitted. Submit with: id=$(sbatch --parsable {SlurmSubmission.Quote(workerScript)}) && sbatch --dependency=afterany:$id {SlurmSubmission.Quote(collectScript)}");
                return ExitCodes.Success;
            }

            var (workers, collect) = SlurmSubmission.Submit(workerScript, collectScript);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Submitted worker array {workers} ({request.Tasks} tasks) and collect job {collect} (runs when the workers end; writes {outputDirectory})."));
            output.WriteLine($"Follow it with: fairmtl status {SlurmSubmission.Quote(request.Experiment)} --store {address.Display}");
            return ExitCodes.Success;
        }
        catch (FairMtlException exception)
        {
            error.WriteLine(exception.Message);
            return ExitCodes.UserError;
        }
    }

    private static FairMtlException Wrong(string message) => new(DiagnosticCodes.InvalidValue, null, message);
}
