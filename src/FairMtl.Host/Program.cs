using FairMtl.Generated;
using FairMtl.Host.Cli;

return await FairMtlCommandLine.InvokeAsync(args, Console.Out, Console.Error, ExperimentRegistry.All);
