using FairMtl.Generated;
using FairMtl.Host.Cli;
using FairMtl.Torch;

// The default host's command line with the libtorch engine registered: experiments that declare
// training.engine: torch train on libtorch, the others on the native engine as usual.
TorchEngine.Register();
return await FairMtlCommandLine.InvokeAsync(args, Console.Out, Console.Error, ExperimentRegistry.All, ExperimentRegistry.Comparisons);
