using FairMtl.Torch.Host;

// The default host's command line with the libtorch engine registered (TorchHost).
return await TorchHost.InvokeAsync(args, Console.Out, Console.Error);
