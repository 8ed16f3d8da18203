using System.Runtime;
using FairMtl.Generated;
using FairMtl.Host.Cli;

// Multi-core JIT: each run records the methods it compiled into a profile next to the program, and the next run
// compiles them on the idle core while the main thread is still starting up, loading and training. A run is mostly
// start-up and JIT for small sweeps (Boston: 0.91 -> 0.66 s; Parkinson 3.9 -> 3.5 s; BENCHMARKS.md). Results do not
// depend on it: it only changes when methods are compiled. Where the folder is not writable nothing is recorded.
ProfileOptimization.SetProfileRoot(AppContext.BaseDirectory);
ProfileOptimization.StartProfile("FairMtl.Host.jitprofile");

return await FairMtlCommandLine.InvokeAsync(args, Console.Out, Console.Error, ExperimentRegistry.All, ExperimentRegistry.Comparisons);
