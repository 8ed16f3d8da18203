using System.Diagnostics;
using System.Globalization;
using FairMtl.Execution;

namespace FairMtl.Host.Progress;

/// <summary>Progress as plain lines (for CI logs and redirected output), at most one per second plus the last.</summary>
public sealed class PlainProgressDisplay(TextWriter writer) : IRunProgressDisplay
{
    public async Task<T> TrackAsync<T>(string description, int total, Func<IProgress<ModelProgress>, T> work)
    {
        var stopwatch = Stopwatch.StartNew();
        var gate = new object();
        TimeSpan? lastPrinted = null;
        var progress = new SynchronousProgress(report =>
        {
            lock (gate)
            {
                var elapsed = stopwatch.Elapsed;
                if (report.Finished < report.Total && lastPrinted is { } last && elapsed - last < TimeSpan.FromSeconds(1))
                {
                    return;
                }

                lastPrinted = elapsed;
                writer.WriteLine(FormatLine(description, report, elapsed));
            }
        });
        return await Task.Run(() => work(progress)).ConfigureAwait(false);
    }

    /// <summary>One progress line: counts (and how many came from the run store), percentage, elapsed time and the
    /// estimated time left (from the models trained in this process only).</summary>
    public static string FormatLine(string description, ModelProgress report, TimeSpan elapsed)
    {
        var fraction = report.Total == 0 ? 1.0 : (double)report.Finished / report.Total;
        var trained = report.Finished - report.Stored;
        var remaining = trained <= 0 ? double.NaN : elapsed.TotalSeconds * (report.Total - report.Finished) / trained;
        var eta = report.Finished == report.Total ? "0.0s" : double.IsNaN(remaining) ? "?" : remaining.ToString("F1", CultureInfo.InvariantCulture) + "s";
        var stored = report.Stored > 0 ? string.Create(CultureInfo.InvariantCulture, $", {report.Stored} from the run store") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{description}: {report.Finished}/{report.Total} models ({fraction:P0}{stored}), elapsed {elapsed.TotalSeconds:F1}s, eta {eta}");
    }

    private sealed class SynchronousProgress(Action<ModelProgress> handler) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => handler(value);
    }
}
