using System.Diagnostics;
using System.Globalization;
using System.Text;
using FairMtl.Diagnostics;
using FairMtl.Reports;

namespace FairMtl.Host.Cluster;

/// <summary>What <c>submit --slurm</c> asks of Slurm.</summary>
/// <param name="Experiment">The experiment as given (a file, made absolute, or a compiled name).</param>
/// <param name="Name">The experiment's name.</param>
/// <param name="Store">The PostgreSQL address (without a password).</param>
/// <param name="OutputDirectory">The results folder (absolute); the scripts go into its <c>slurm/</c> folder.</param>
/// <param name="Tasks">Workers in the job array.</param>
/// <param name="CpusPerTask">Cores per worker (its training threads).</param>
/// <param name="Partition">The partition, or null for the cluster's default.</param>
/// <param name="Time">The time limit per worker (Slurm's format), or null for the partition's default.</param>
/// <param name="Seed">A <c>--seed</c> to pass on, or null.</param>
public sealed record SlurmRequest(
    string Experiment, string Name, string Store, string OutputDirectory, int Tasks, int CpusPerTask, string? Partition, string? Time, int? Seed);

/// <summary>
/// Writes the two sbatch scripts of a cluster run, readable and resubmittable by hand: a job array of <c>worker</c>s that
/// share the PostgreSQL run store, and a <c>collect</c> job that writes the tables, figures and report once the array
/// has ended (<c>--dependency=afterany</c>, so that it also runs, and says what is missing, when some workers failed or
/// were cancelled). The store's password is never written: the jobs inherit <c>PGPASSWORD</c> or <c>PGPASSFILE</c>
/// from the submitting shell (sbatch exports the environment by default).
/// </summary>
public static class SlurmSubmission
{
    /// <summary>The worker array's script file name in the <c>slurm/</c> folder.</summary>
    public const string WorkerScript = "worker.sbatch";

    /// <summary>The collect job's script file name.</summary>
    public const string CollectScript = "collect.sbatch";

    /// <summary>Writes both scripts; returns their paths (worker, collect).</summary>
    /// <exception cref="FairMtlException">The folder cannot be written (<see cref="DiagnosticCodes.ResultFolder"/>).</exception>
    public static (string Worker, string Collect) Write(SlurmRequest request, string host)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = Path.Combine(request.OutputDirectory, "slurm");
        var seed = request.Seed is { } value ? string.Create(CultureInfo.InvariantCulture, $" --seed {value}") : string.Empty;
        var worker = Script(
            request,
            $"fairmtl-{request.Name}",
            "worker-%A_%a.out",
            string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{request.Tasks - 1}"),
            [
                $"# One worker of {request.Tasks}: it claims units of {request.Name} from the run store until none are left, trains",
                "# them on its cores and commits each one; a unit whose worker dies is taken over by another after its lease.",
                $"# Resubmit by hand: sbatch {Path.Combine(folder, WorkerScript)}",
            ],
            $"{host} worker {Quote(request.Experiment)} --store {Quote(request.Store)} --threads \"${{SLURM_CPUS_PER_TASK:-{request.CpusPerTask}}}\"{seed}");
        var collect = Script(
            request,
            $"fairmtl-{request.Name}-collect",
            "collect-%j.out",
            null,
            [
                $"# Writes the tables, figures and report of {request.Name} from the run store into {request.OutputDirectory}",
                "# once the workers have ended (also when some failed: it then lists the units that are missing and exits 3).",
                $"# Run by hand at any time: sbatch {Path.Combine(folder, CollectScript)}",
            ],
            $"{host} collect {Quote(request.Experiment)} --store {Quote(request.Store)} --out {Quote(request.OutputDirectory)}{seed}");
        var written = ResultFiles.Write(folder, [(WorkerScript, worker), (CollectScript, collect)]);
        return (written[0], written[1]);
    }

    /// <summary>Submits the worker array and the collect job after it; returns their job ids.</summary>
    /// <exception cref="FairMtlException">sbatch is missing or refuses a script (its message is in the error).</exception>
    public static (string Workers, string Collect) Submit(string workerScript, string collectScript)
    {
        var workers = Sbatch(["--parsable", workerScript]);
        var collect = Sbatch(["--parsable", $"--dependency=afterany:{workers}", collectScript]);
        return (workers, collect);
    }

    /// <summary>How the jobs start this program: the app host next to it, else <c>dotnet</c> and its assembly.</summary>
    public static string HostCommand()
    {
        // The program that is running (FairMtl.Host, or FairMtl.Torch.Host with the libtorch engine): its workers must
        // include the engines this one does.
        var directory = AppContext.BaseDirectory;
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        var program = entry is not null && entry.StartsWith("FairMtl.", StringComparison.Ordinal) && File.Exists(Path.Combine(directory, entry + ".dll"))
            ? entry
            : "FairMtl.Host";
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? program + ".exe" : program);
        if (File.Exists(apphost))
        {
            return Quote(apphost);
        }

        var dotnet = Environment.ProcessPath ?? "dotnet";
        return $"{Quote(dotnet)} {Quote(Path.Combine(directory, program + ".dll"))}";
    }

    private static string Script(SlurmRequest request, string jobName, string outputFile, string? array, string[] comments, string command)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"# Written by `fairmtl submit --slurm` for the experiment {request.Name}.\n");
        foreach (var comment in comments)
        {
            text.Append(comment).Append('\n');
        }

        text.Append("# The run store's password is not in this file: the job takes PGPASSWORD or PGPASSFILE from the environment.\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n");
        if (array is not null)
        {
            text.Append(array).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={request.CpusPerTask}\n");
        if (request.Partition is { } partition)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        }

        if (request.Time is { } time)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(request.OutputDirectory, "slurm", outputFile)}\n");
        text.Append("set -euo pipefail\n");
        text.Append(CultureInfo.InvariantCulture, $"cd {Quote(Environment.CurrentDirectory)}\n");
        text.Append("exec ").Append(command).Append('\n');
        return text.ToString();
    }

    private static string Sbatch(string[] arguments)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("sbatch did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue, null, "submit --slurm: sbatch is not on PATH (Slurm's client commands are needed; --dry-run writes the scripts without submitting them)");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new FairMtlException(
                    DiagnosticCodes.InvalidValue, null, $"submit --slurm: sbatch {string.Join(' ', arguments)} failed (exit code {process.ExitCode}): {error.Trim()}");
            }

            return output.Result.Trim().Split(';')[0];
        }
    }

    /// <summary>A word for bash: single-quoted unless it is plainly safe.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-:@+=,".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
