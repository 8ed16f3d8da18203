using FairMtl.Execution;
using Spectre.Console;

namespace FairMtl.Host.Progress;

/// <summary>A live progress bar with elapsed time and ETA, for interactive terminals.</summary>
public sealed class SpectreProgressDisplay(IAnsiConsole console) : IRunProgressDisplay
{
    public Task<T> TrackAsync<T>(string description, int total, Func<IProgress<ModelProgress>, T> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                var progress = new TaskProgress(task, Markup.Escape(description));
                return await Task.Run(() => work(progress)).ConfigureAwait(false);
            });

    private sealed class TaskProgress(ProgressTask task, string description) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value)
        {
            if (value.Stored > 0)
            {
                task.Description = $"{description} ({value.Stored} from the run store)";
            }

            task.Value = value.Finished;
        }
    }
}
