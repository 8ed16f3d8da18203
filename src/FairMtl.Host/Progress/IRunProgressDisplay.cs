using FairMtl.Sweeps;

namespace FairMtl.Host.Progress;

/// <summary>Shows the progress of a sweep while it trains.</summary>
public interface IRunProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> while displaying the progress it reports.</summary>
    Task<T> TrackAsync<TProgress, T>(string description, int total, Func<IProgress<TProgress>, T> work)
        where TProgress : IProgressCount;
}
