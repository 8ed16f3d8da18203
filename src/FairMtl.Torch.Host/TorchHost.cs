using FairMtl.Compiled;
using FairMtl.Host.Cli;

namespace FairMtl.Torch.Host;

/// <summary>
/// The default host's command line with the libtorch engine registered: experiments that declare
/// <c>training.engine: torch</c> train on libtorch, the others on the native engine as usual. Its compiled experiments
/// are the default host's (<c>FairMtl.Generated.ExperimentRegistry</c>) and the torch experiments'
/// (<c>FairMtl.Generated.Torch.ExperimentRegistry</c>, experiments/torch), whose units train the TorchSharp modules the
/// source generator wrote for them.
/// </summary>
public static class TorchHost
{
    /// <summary>Every compiled experiment of the program: the default host's, then the torch experiments'.</summary>
    public static IReadOnlyList<CompiledExperiment> Experiments { get; } =
        [.. FairMtl.Generated.ExperimentRegistry.All, .. FairMtl.Generated.Torch.ExperimentRegistry.All];

    /// <summary>Every comparison experiment of the program's builds.</summary>
    public static IReadOnlyList<CompiledComparison> Comparisons { get; } =
        [.. FairMtl.Generated.ExperimentRegistry.Comparisons, .. FairMtl.Generated.Torch.ExperimentRegistry.Comparisons];

    /// <summary>Registers the torch engine, runs the command line <paramref name="args"/> and returns its exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        TorchEngine.Register();
        return FairMtlCommandLine.InvokeAsync(args, output, error, Experiments, Comparisons);
    }
}
