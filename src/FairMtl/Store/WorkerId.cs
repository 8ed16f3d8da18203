using System.Diagnostics;
using System.Globalization;

namespace FairMtl.Store;

/// <summary>
/// Who holds a claim on a unit: <c>machine:pid:start</c>, the process start time telling a reused process id apart. A
/// claim of a process of this machine that no longer runs is free at once, so that a rerun after a kill does not wait
/// for the dead process's leases to expire; a claim from another machine frees itself when its lease does. On Linux the
/// start time is the kernel's own count (field 22 of <c>/proc/PID/stat</c>, clock ticks since boot), which every process
/// reads the same; elsewhere it is <see cref="Process.StartTime"/>, which other processes may read a little differently.
/// </summary>
public static class WorkerId
{
    /// <summary>This process.</summary>
    public static string Current { get; } = Of(Environment.MachineName, Environment.ProcessId, StartOf(Environment.ProcessId) ?? 0);

    /// <summary>The id of a process.</summary>
    public static string Of(string machine, int processId, long start) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}:{processId}:{start}");

    /// <summary>Whether <paramref name="worker"/> is a process of this machine that has ended.</summary>
    public static bool HasEndedOnThisMachine(string worker)
    {
        var parts = worker.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        return StartOf(processId) is not { } running || (OperatingSystem.IsLinux() ? running != start : Math.Abs(running - start) > TimeSpan.TicksPerSecond);
    }

    /// <summary>The start time of a running process, or null when there is no such process.</summary>
    private static long? StartOf(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
                var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[19], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
