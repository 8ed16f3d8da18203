using System.Globalization;
using FairMtl.Benchmarks;

// FairMtl benchmarks (see BENCHMARKS.md): training-step speed and allocations, full sweeps through the host with one
// and with all threads, the PyTorch reference measured in the same run when /usr/bin/python3 has torch, and the
// libtorch engine's steps (tests/FairMtl.Torch.Benchmarks, a subprocess) on the same cases in the same run.
const string Usage = """
    Usage: dotnet run -c Release --project tests/FairMtl.Benchmarks -- [options]

      --quick              fewer steps, Boston sweep only
      --no-pytorch         skip the PyTorch reference (/usr/bin/python3 with torch)
      --no-torchsharp      skip the libtorch engine's steps (tests/FairMtl.Torch.Benchmarks, built and run as a
                           subprocess: its first build restores TorchSharp and libtorch, about 600 MB, once)
      --no-classification  skip the Adult classification steps
      --only NAME          only this classification step: adult-stl, adult-glf or adult-mtaf-mmd
      --no-sweeps          skip the full sweeps through the host (and the store and README-command figures)
      --store-cost         only the run store's cost (Parkinson with a new store against --no-store, 20 alternating
                           pairs, each side its own copy of the host, and runs list on 100,000 units; about 4 minutes;
                           also in every full run)
      --store-pairs N      that many pairs instead of 20 (single pairs on a shared VM vary by 5-10%: 20 pairs place
                           the median within about 5%, 80 within about 3%)
      --protocols          the long classification protocols through the host (about 5 minutes)
      --conditional-cost   the loss-conditional sweeps' cost against the per-point sweeps ({parkinson,boston}-conditional
                           against {parkinson,boston}-10seeds, one thread, 3 pairs each, about 4 minutes; also in every full run)
      --cluster            PostgreSQL and worker processes at scale (needs root and the Debian PostgreSQL packages)
      --help               this text
    """;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return;
}

// The value after an option that takes one (--only NAME, --store-pairs N), or null when the option is not given.
string? OptionValue(string name) =>
    Array.IndexOf(args, name) is var index and >= 0 && index + 1 < args.Length ? args[index + 1] : null;

// Checked before anything runs, so that a mistyped count does not surface after minutes of measuring.
var storePairs = 20;
if (OptionValue("--store-pairs") is { } pairsText
    && (!int.TryParse(pairsText, NumberStyles.None, CultureInfo.InvariantCulture, out storePairs) || storePairs < 1))
{
    Console.Error.WriteLine($"--store-pairs: expected a whole number of pairs of at least 1, got '{pairsText}'");
    Environment.ExitCode = 2;
    return;
}

var quick = args.Contains("--quick");
var summary = new List<string>();
void Report(string key, double value, string unit = "") =>
    summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {value:0.###}{unit}"));

var machine = MachineInfo.Read();
Console.WriteLine("# FairMtl benchmarks");
Console.WriteLine("machine: " + machine.Describe());
Report("peak-gflops-per-core", machine.PeakGflopsPerCore, "GFLOP/s");
Console.WriteLine();

var shapes = PiresStepCase.All.Select(c => new StepBenchmark(c)).ToArray();

// Each case's native step and PyTorch twin by case name, for the TorchSharp section.
var native = new Dictionary<string, double>();
var twins = new Dictionary<string, double>();
Console.WriteLine("## Training step (batch 32, one thread)");
foreach (var shape in shapes)
{
    shape.Measure(1);
}

foreach (var shape in shapes)
{
    var result = shape.Measure(PiresStepCase.Epochs(quick));
    var phases = shape.Phases(quick ? 5_000 : 20_000);
    var gflops = shape.FlopsPerStep / result.MicrosecondsPerStep / 1e3;
    native[shape.Name] = result.MicrosecondsPerStep;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{shape.Name,-10} d={shape.Inputs,2}: {result.MicrosecondsPerStep,6:F2} us/step, {result.BytesPerStep:F2} bytes/step, {result.Collections} GCs over {result.Steps} steps, "
        + $"{gflops:F2} GFLOP/s = {100 * gflops / machine.PeakGflopsPerCore:F1}% of one core's peak"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"",-10}       phases: forward {phases[0]:F2}, + losses {phases[1]:F2}, + backward {phases[2]:F2}, + Adam {phases[3]:F2} us (cumulative)"));
    Report($"step-us-{shape.Name}", result.MicrosecondsPerStep);
    Report($"alloc-bytes-per-step-{shape.Name}", result.BytesPerStep);
    Report($"gc-during-training-{shape.Name}", result.Collections);
    Report($"gflops-{shape.Name}", gflops);
    Report($"peak-fraction-{shape.Name}", 100 * gflops / machine.PeakGflopsPerCore, "%");
}

Console.WriteLine();
Console.WriteLine("## Loss-conditional training step (sweep.conditional; the Parkinson shape, batch 32, one thread)");
var conditionalStep = 0.0;
foreach (var conditional in new[]
{
    new ConditionalStepBenchmark(FairMtl.Spec.ConditionalSampling.PerBatch, film: false),
    new ConditionalStepBenchmark(FairMtl.Spec.ConditionalSampling.PerBatch, film: true),
    new ConditionalStepBenchmark(FairMtl.Spec.ConditionalSampling.PerRow, film: true),
})
{
    var result = conditional.Measure(PiresStepCase.Epochs(quick));
    conditionalStep = result.MicrosecondsPerStep; // the last: per-row with FiLM, as parkinson-conditional trains
    var ratio = result.MicrosecondsPerStep / native["parkinson"];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{conditional.Name,-28}: {result.MicrosecondsPerStep,6:F2} us/step ({ratio:F2}x the parkinson step), {result.BytesPerStep:F2} bytes/step, {result.Collections} GCs over {result.Steps} steps"));
    var key = conditional.Name.Replace(", ", "-").Replace(" ", "-").ToLowerInvariant();
    Report($"step-us-conditional-{key}", result.MicrosecondsPerStep);
    Report($"step-ratio-conditional-{key}", ratio, "x");
    Report($"alloc-bytes-per-step-conditional-{key}", result.BytesPerStep);
}

Console.WriteLine();
if (!args.Contains("--no-pytorch"))
{
    Console.WriteLine("## PyTorch reference (same run, eager CPU, one thread)");
    var pytorch = PyTorchBenchmark.StepMicroseconds(quick ? 3_000 : 20_000, shapes.Select(s => s.Inputs));
    if (pytorch.Count == 0)
    {
        Console.WriteLine("skipped: /usr/bin/python3 with torch not found (apt-get install -y python3-torch)");
    }

    foreach (var shape in shapes.Where(s => pytorch.ContainsKey(s.Inputs)))
    {
        twins[shape.Name] = pytorch[shape.Inputs];
        var ratio = pytorch[shape.Inputs] / native[shape.Name];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{shape.Name,-10} d={shape.Inputs,2}: PyTorch {pytorch[shape.Inputs]:F1} us/step, FairMtl {native[shape.Name]:F2} us/step: {ratio:F1}x"));
        Report($"step-speedup-vs-pytorch-{shape.Name}", ratio, "x");
    }

    Console.WriteLine();
}

var only = OptionValue("--only");
var classification = args.Contains("--no-classification")
    ? []
    : ClassificationStepCase.Names.Where(name => only is null || name == only).ToList();
if (!args.Contains("--no-classification"))
{
    Console.WriteLine("## Classification training step (real training rows, batch 256, one thread; PyTorch twin on the same rows)");
    foreach (var step in classification.Select(name => new ClassificationStepBenchmark(name)))
    {
        var result = step.Measure(ClassificationStepCase.Epochs(quick));
        native[step.Name] = result.MicrosecondsPerStep;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{step.Name,-15} d={step.Repetition.Train.Features}: {result.MicrosecondsPerStep,7:F2} us/step, {result.BytesPerStep:F2} bytes/step, {result.Collections} GCs over {result.Steps} steps");
        Report($"step-us-{step.Name}", result.MicrosecondsPerStep);
        Report($"alloc-bytes-per-step-{step.Name}", result.BytesPerStep);
        Report($"gc-during-training-{step.Name}", result.Collections);
        if (!args.Contains("--no-pytorch") && PyTorchBenchmark.ClassificationStepMicroseconds(step, quick ? 300 : 2_000) is { } twin)
        {
            twins[step.Name] = twin;
            line += string.Create(CultureInfo.InvariantCulture, $"; PyTorch {twin:F1} us/step: {twin / result.MicrosecondsPerStep:F1}x");
            Report($"step-speedup-vs-pytorch-{step.Name}", twin / result.MicrosecondsPerStep, "x");
        }

        Console.WriteLine(line);
    }

    Console.WriteLine();
}

if (!args.Contains("--no-torchsharp"))
{
    Console.WriteLine("## TorchSharp: the libtorch engine's steps (tests/FairMtl.Torch.Benchmarks, one process per case, same cases, same run, one thread)");
    Console.WriteLine("building tests/FairMtl.Torch.Benchmarks (Release; its first build restores TorchSharp and libtorch, about 600 MB, once) ...");
    var (buildSeconds, failure) = TorchSharpBenchmark.Build();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build: {buildSeconds:F1} s"));
    var measured = new List<TorchSharpCase>();
    if (failure is not null)
    {
        Console.WriteLine("TorchSharp benchmark skipped: " + failure);
    }
    else
    {
        foreach (var name in shapes.Select(s => s.Name).Concat(classification))
        {
            var torchCase = TorchSharpBenchmark.Measure(name, quick);
            measured.Add(torchCase);
            foreach (var died in torchCase.Failures)
            {
                Console.WriteLine($"{name}: a TorchSharp process died ({died})");
            }

            if (torchCase.Result is null)
            {
                Console.WriteLine($"{name}: no TorchSharp row (every attempt died; the last with a 1 GB young generation)");
            }
        }
    }

    Console.WriteLine("| case | native us/step | TorchSharp us/step | TorchSharp bytes/step | TorchSharp GCs (steps) | PyTorch us/step | native speed-up over TorchSharp | TorchSharp speed-up over PyTorch |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var torchCase in measured.Where(c => c.Result is not null))
    {
        var (name, result) = (torchCase.Name, torchCase.Result!);
        var ours = native[name];
        var twin = twins.TryGetValue(name, out var value) ? value : (double?)null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name}{(torchCase.Failures.Count > 0 ? $" ({torchCase.Failures.Count} died{(torchCase.FewerCollections ? ", *" : "")})" : "")} | {ours:F2} | {result.MicrosecondsPerStep:F1} | {result.BytesPerStep:F0} | {result.Collections} ({result.Steps}) | "
            + $"{(twin is { } t ? t.ToString("F1", CultureInfo.InvariantCulture) : "-")} | {result.MicrosecondsPerStep / ours:F1}x | "
            + $"{(twin is { } p ? (p / result.MicrosecondsPerStep).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-")} |"));
        Report($"torchsharp-step-us-{name}", result.MicrosecondsPerStep);
        Report($"torchsharp-alloc-bytes-per-step-{name}", result.BytesPerStep);
        Report($"torchsharp-gc-during-training-{name}", result.Collections);
        Report($"torchsharp-processes-died-{name}", torchCase.Failures.Count);
        Report($"native-speedup-vs-torchsharp-{name}", result.MicrosecondsPerStep / ours, "x");
        if (twin is { } pytorch)
        {
            Report($"torchsharp-speedup-vs-pytorch-{name}", pytorch / result.MicrosecondsPerStep, "x");
        }
    }

    if (measured.Any(c => c.Failures.Count > 0))
    {
        Console.WriteLine("(N died): N processes of this case died in TorchSharp before the one measured (an implicitly converted Scalar freed by the "
            + "finalizer while libtorch read it: BENCHMARKS.md, \"The libtorch engine\"); (*): measured with DOTNET_GCgen0size=0x40000000 and "
            + "DOTNET_GCLOHThreshold=0x100000 (fewer collections) after two deaths");
    }

    Console.WriteLine();
}

if (!args.Contains("--no-sweeps"))
{
    Console.WriteLine("## Full paper sweeps through the host (median of 3: wall clock of the whole process; training alone)");
    var all = Environment.ProcessorCount;
    foreach (var experiment in quick ? ["boston"] : new[] { "boston", "parkinson" })
    {
        var one = SweepBenchmark.Host(experiment, 1);
        var many = SweepBenchmark.Host(experiment, all);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{experiment,-10}: 1 thread {one.Wall:F2} s ({one.Train:F2} s training), {all} threads {many.Wall:F2} s ({many.Train:F2} s training), "
            + $"scaling {one.Wall / many.Wall:F2}x (training {one.Train / many.Train:F2}x)"));
        Report($"sweep-s-{experiment}-1-thread", one.Wall, " s");
        Report($"sweep-s-{experiment}-{all}-threads", many.Wall, " s");
        Report($"thread-scaling-{experiment}", one.Wall / many.Wall, "x");
        Report($"thread-scaling-training-{experiment}", one.Train / many.Train, "x");
    }

    if (!quick)
    {
        StoreCost();
        var readme = SweepBenchmark.DotnetRun("parkinson");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"README command (dotnet run, build check included; median of 3), parkinson: {readme:F2} s"));
        Report("readme-command-s-parkinson", readme, " s");
    }

    Console.WriteLine();
}

if (args.Contains("--store-cost") && (quick || args.Contains("--no-sweeps")))
{
    Console.WriteLine("## The run store's cost");
    StoreCost();
    Console.WriteLine();
}

if (args.Contains("--conditional-cost") || (!quick && !args.Contains("--no-sweeps")))
{
    Console.WriteLine("## Loss-conditional sweeps against their per-point twins (one thread, a new store each, 3 alternating pairs)");
    foreach (var data in new[] { "parkinson", "boston" })
    {
        var cost = ConditionalCostBenchmark.Measure($"{data}-conditional", $"{data}-10seeds", 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data}-conditional vs {data}-10seeds: the front's models {cost.Conditional:F2} s vs {cost.PerPoint:F2} s (the stored units' seconds, scoring included, baselines out), "
            + $"median ratio {cost.Ratio:F3} (goal <= 0.1); optimizer steps {cost.ConditionalSteps} vs {cost.PerPointSteps} = {(double)cost.ConditionalSteps / cost.PerPointSteps:F3}; "
            + $"whole processes {cost.WallRatio:F3}"));
        Report($"conditional-cost-ratio-{data}", cost.Ratio, "x");
        Report($"conditional-steps-ratio-{data}", (double)cost.ConditionalSteps / cost.PerPointSteps, "x");
        Report($"conditional-wall-ratio-{data}", cost.WallRatio, "x");
        if (data == "parkinson")
        {
            // Training alone (no scoring, no epoch bookkeeping): the runs' steps at the steps' own times measured above.
            var training = cost.ConditionalSteps * conditionalStep / (cost.PerPointSteps * native["parkinson"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  training alone, steps x step times of this run ({conditionalStep:F2} vs {native["parkinson"]:F2} us): {training:F3}"));
            Report("conditional-training-ratio-parkinson", training, "x");
        }
    }

    Console.WriteLine();
}

if (args.Contains("--protocols"))
{
    Console.WriteLine("## Classification protocols through the host (2 threads, one run each, a new run store)");
    foreach (var (experiment, before, goal) in new[] { ("adult-sex", 326.0, 30.0), ("bank-age", 295.0, 30.0), ("adult-mtaf", 433.0, 40.0) })
    {
        var (wall, train, collections) = SweepBenchmark.Once(experiment, 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{experiment,-10}: {wall:F1} s ({train:F1} s training), {collections} GCs while training; when issue 19 was filed {before:F0} s, its goal {goal:F0} s"));
        Report($"protocol-s-{experiment}", wall, " s");
        Report($"protocol-gc-{experiment}", collections);
    }

    Console.WriteLine();
}

if (args.Contains("--cluster"))
{
    Console.WriteLine("## The cluster path: PostgreSQL run store and worker processes");
    ClusterBenchmark.Run(Report);
    Console.WriteLine();
}

Console.WriteLine("## Summary");
foreach (var line in summary)
{
    Console.WriteLine(line);
}

// The run store's cost: Parkinson on every core with a new store against --no-store, and runs list on a large store.
void StoreCost()
{
    var (ratio, low, high, withStore, without) = StoreBenchmark.Cost("parkinson", storePairs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run store, parkinson on {Environment.ProcessorCount} threads ({storePairs} alternating pairs, each side its own host and JIT profile): {withStore:F2} s with a new store, {without:F2} s with --no-store; median ratio {ratio:F3}, about 95% interval {low:F3}-{high:F3} (goal <= 1.02)"));
    Report("store-cost-ratio-parkinson", ratio, "x");
    var (process, query) = StoreBenchmark.RunsList(100_000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"runs list on a store of 100000 units: {process:F2} s for the host process (median of 3), {query:F3} s for the store's query (goal < 1 s)"));
    Report("runs-list-s-100000-units", process, " s");
}
