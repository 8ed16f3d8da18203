using System.Diagnostics;

namespace FairMtl.Tests.Cluster;

/// <summary>
/// A real single-node Slurm (munged, slurmctld, slurmd) for the tests that submit jobs, started by the project's own
/// <c>scripts/slurm.sh</c> in a temporary folder and stopped afterwards; it shares the tests' PostgreSQL server.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    public SlurmCluster()
    {
        Folder = Directory.CreateTempSubdirectory("fairmtl-slurm-").FullName;
        Postgres = new PostgresServer();
        try
        {
            Conf = ScriptRunner.Export(ScriptRunner.Run("slurm.sh", "start", Folder), "SLURM_CONF");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The cluster's folder.</summary>
    public string Folder { get; }

    /// <summary>Its <c>SLURM_CONF</c>.</summary>
    public string Conf { get; } = string.Empty;

    /// <summary>The PostgreSQL server the jobs' workers share.</summary>
    public PostgresServer Postgres { get; }

    /// <summary>The environment of a process that submits jobs and reaches the store.</summary>
    public void Environment(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Postgres.Environment(environment);
        environment["SLURM_CONF"] = Conf;
    }

    /// <summary>Runs a Slurm client command (squeue, scancel, ...) and returns its output.</summary>
    public string Client(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["SLURM_CONF"] = Conf;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error.Result}");
    }

    /// <summary>Waits until none of <paramref name="jobs"/> is queued or running.</summary>
    public async Task WaitForJobsAsync(TimeSpan limit, params string[] jobs)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Client("squeue", "-h", "-j", string.Join(',', jobs), "-o", "%i %T").Trim().Length > 0)
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue($"jobs {string.Join(", ", jobs)} ended within {limit.TotalMinutes} minutes");
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        try
        {
            ScriptRunner.Run("slurm.sh", "stop", Folder);
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
            Postgres.Dispose();
        }
    }
}

/// <summary>The tests that submit to the one Slurm cluster (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "slurm";
}
