using FairMtl.Host.Cli;

return await FairMtlCommandLine.InvokeAsync(args, Console.Out, Console.Error, []);
