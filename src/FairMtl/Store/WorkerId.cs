using System.Diagnostics;
using System.Globalization;

namespace FairMtl.Store;

/// <summary>
/// Who holds a claim on a unit: <c>machine:pid:start</c>, the process start time in ticks telling a reused process id
/// apart. A claim of a process of this machine that no longer runs is free at once, so that a rerun after a kill does
/// not wait for the dead process's leases to expire; a claim from another machine frees itself when its lease does.
/// </summary>
public static class WorkerId
{
    /// <summary>This process.</summary>
    public static string Current { get; } = Of(Environment.MachineName, Environment.ProcessId, StartTicks(Process.GetCurrentProcess()));

    /// <summary>The id of a process.</summary>
    public static string Of(string machine, int processId, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}:{processId}:{startTicks}");

    /// <summary>Whether <paramref name="worker"/> is a process of this machine that has ended.</summary>
    public static bool HasEndedOnThisMachine(string worker)
    {
        var parts = worker.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }

        try
        {
            // Another process reads a process's start time with some jitter (on Linux it is derived from the boot time,
            // which each reader computes); a reused process id started later than a second after is another process.
            using var process = Process.GetProcessById(processId);
            return Math.Abs(StartTicks(process) - startTicks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
