using FairMtl.Execution;

namespace FairMtl.Host.Progress;

/// <summary>Shows the progress of a run of any kind while it trains.</summary>
public interface IRunProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> while displaying the progress it reports.</summary>
    Task<T> TrackAsync<T>(string description, int total, Func<IProgress<ModelProgress>, T> work);
}
