using System.Globalization;
using System.Reflection;
using FairMtl.Benchmarks;
using FairMtl.Torch;
using FairMtl.Torch.Benchmarks;

// The libtorch engine's training steps (BENCHMARKS.md, "The libtorch engine"): the native step benchmark's cases
// (tests/Shared/Benchmarks: the same networks, rows, objectives, streams and measurement) trained by FairMtl.Torch on one
// thread, each unit starting from the native network's initial weights. tests/FairMtl.Benchmarks runs this program as a
// subprocess and reads its tab-separated rows: case, microseconds per step, managed bytes allocated per step, garbage
// collections during the measured calls, steps of the median call.
// Usage: FairMtl.Torch.Benchmarks [--quick] [case ...]; cases: boston, parkinson, adult-stl, adult-glf, adult-mtaf-mmd
// (all when none is named).
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("Usage: dotnet run -c Release --project tests/FairMtl.Torch.Benchmarks -- [--quick] [case ...]");
    Console.WriteLine("Cases: " + string.Join(", ", PiresStepCase.All.Select(c => c.Name).Concat(ClassificationStepCase.Names)) + " (all when none is named).");
    Console.WriteLine("Prints one tab-separated row per case: case, us_per_step, bytes_per_step, gcs, steps.");
    return 0;
}

var quick = args.Contains("--quick");
var named = args.Where(a => !a.StartsWith('-')).ToList();
var known = PiresStepCase.All.Select(c => c.Name).Concat(ClassificationStepCase.Names).ToList();
if (named.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
{
    Console.Error.WriteLine($"unknown case '{unknown}' (one of {string.Join(", ", known)})");
    return 2;
}

bool Selected(string name) => named.Count == 0 || named.Contains(name);

var engine = new TorchEngine(startFromNativeWeights: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# TorchSharp {typeof(TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"}, "
    + $"{TorchSharp.torch.get_num_threads()} intra-op thread(s)"));
Console.WriteLine("case\tus_per_step\tbytes_per_step\tgcs\tsteps");

void Row(string name, StepResult result) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{name}\t{result.MicrosecondsPerStep:R}\t{result.BytesPerStep:R}\t{result.Collections}\t{result.Steps}"));

// As the native benchmark: one throwaway measurement of every Pires shape (JIT and libtorch warm), then the measured ones.
var pires = PiresStepCase.All.Where(c => Selected(c.Name)).ToList();
foreach (var stepCase in pires)
{
    TorchSteps.Pires(engine, stepCase, 1);
}

foreach (var stepCase in pires)
{
    Row(stepCase.Name, TorchSteps.Pires(engine, stepCase, PiresStepCase.Epochs(quick)));
}

foreach (var name in ClassificationStepCase.Names.Where(Selected))
{
    Row(name, TorchSteps.Classification(engine, ClassificationStepCase.Load(name), ClassificationStepCase.Epochs(quick)));
}

return 0;
