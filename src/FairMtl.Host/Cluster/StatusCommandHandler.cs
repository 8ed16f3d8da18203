using System.Globalization;
using FairMtl.Host.Kinds;
using FairMtl.Host.Running;
using FairMtl.Host.Store;
using FairMtl.Store;

namespace FairMtl.Host.Cluster;

/// <summary>
/// The <c>status</c> command: where an experiment's units stand in a run store (done, failed, running with their
/// workers and lease ages, lapsed, pending) and an estimate of the time left from the stored units' measured times.
/// Reads only: nothing is claimed, trained or written.
/// </summary>
public static class StatusCommandHandler
{
    /// <summary>How many running units are listed one by one.</summary>
    private const int RunningListed = 20;

    /// <summary>Prints the status of <paramref name="experimentArgument"/> in the store <paramref name="storeOption"/> names.</summary>
    public static int Execute(ExperimentKinds kinds, string experimentArgument, int? seed, string? storeOption, TextWriter output, TextWriter error) =>
        RunsCommandHandler.WithStore(storeOption, error, store =>
        {
            var experiment = kinds.Resolve(experimentArgument, seed);

            Write(output, experiment.Name, store.Location, experiment.Prepare().Status(store));
            return ExitCodes.Success;
        });

    /// <summary>The status as text, one fact per line.</summary>
    public static void Write(TextWriter output, string experiment, string location, StoreStatus status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"# {experiment} in the run store {location}");
        output.WriteLine(string.Create(
            c,
            $"units: {status.Units} ({status.Models} models): {status.Done} done, {status.Failed.Count} failed, {status.Running.Count} running, {status.Lapsed} abandoned (lease lapsed), {status.Pending} pending"));
        foreach (var failure in status.Failed.Distinct(StringComparer.Ordinal).Take(5))
        {
            output.WriteLine($"failed: {failure}");
        }

        foreach (var running in status.Running.Take(RunningListed))
        {
            output.WriteLine(string.Create(c, $"running: unit {running.Identity[..12]} on {running.Worker} (lease renewed {running.Seconds:F1} s ago)"));
        }

        if (status.Running.Count > RunningListed)
        {
            output.WriteLine(string.Create(c, $"running: and {status.Running.Count - RunningListed} more"));
        }

        var workers = status.Running.Select(state => state.Worker).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine(
            status.EtaSeconds == 0 ? "every unit is stored: `collect` writes the tables"
            : double.IsNaN(status.EtaSeconds) ? "time left: unknown until a unit is stored"
            : string.Create(c, $"time left: about {Duration(status.EtaSeconds)} ({status.Units - status.Done - status.Failed.Count} units at the mean {status.UnitSeconds:F2} s per unit, {Math.Max(1, status.Running.Count)} unit(s) in training at once on {Math.Max(1, workers)} worker(s))"));
    }

    private static string Duration(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
        : seconds < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");
}
