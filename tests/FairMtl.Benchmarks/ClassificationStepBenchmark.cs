using System.Globalization;
using FairMtl.Comparisons;
using FairMtl.Spec;

namespace FairMtl.Benchmarks;

/// <summary>
/// Training steps of one classification case (<see cref="ClassificationStepCase"/>: a method of a classification
/// experiment on its first repetition's real training rows) through the code the host trains units with
/// (<see cref="UnitTraining.Prepare"/>: network, native trainer, optimiser, routed objective), one thread, no per-epoch
/// validation: the step alone.
/// </summary>
internal sealed class ClassificationStepBenchmark
{
    private readonly UnitTrainer _unit;

    public ClassificationStepBenchmark(string name)
    {
        Case = ClassificationStepCase.Load(name);
        _unit = Case.Prepare();
    }

    public ClassificationStepCase Case { get; }

    public string Name => Case.Name;

    public ComparisonSpec Spec => Case.Spec;

    public MethodSpec Method => Case.Method;

    public RepetitionData Repetition => Case.Repetition;

    /// <summary>Median over five measured calls of <paramref name="epochs"/> epochs each, after two seconds of warm-up.</summary>
    public StepResult Measure(int epochs) => StepResult.Median(Train, epochs);

    /// <summary>
    /// Writes the training rows for the PyTorch twin into <paramref name="folder"/>: x.f32 (rows x features), labels.f32
    /// (rows x tasks, the spec's task order) and groups.i32 (the first attribute's group of each row), little-endian.
    /// </summary>
    public void ExportTrainingRows(string folder)
    {
        var part = Repetition.Train;
        using (var x = File.Create(Path.Combine(folder, "x.f32")))
        {
            x.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.X.AsSpan(0, part.Rows * part.Features)));
        }

        var labels = new float[part.Rows * Spec.Tasks.Count];
        for (var t = 0; t < Spec.Tasks.Count; t++)
        {
            var column = part.Targets[Spec.Tasks[t].Name];
            for (var r = 0; r < part.Rows; r++)
            {
                labels[(r * Spec.Tasks.Count) + t] = column[r];
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "labels.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "groups.i32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.Groups![Case.Attribute].AsSpan()).ToArray());
    }

    /// <summary>The twin's command-line arguments after the data folder: method kind, shapes and the method's weights.</summary>
    public IEnumerable<string> TwinArguments()
    {
        string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var training = Spec.Training;
        yield return Method.Kind switch
        {
            MethodKind.SingleTask => "single-task",
            MethodKind.Auxiliary when Method.Loss == FairnessLossKind.Glf => "glf",
            MethodKind.MtaF when Method.Loss == FairnessLossKind.Mmd => "mtaf-mmd",
            _ => throw new NotSupportedException($"No PyTorch twin for method '{Method.Name}'."),
        };
        yield return $"rows={Repetition.Train.Rows}";
        yield return $"features={Repetition.Train.Features}";
        yield return $"tasks={Spec.Tasks.Count}";
        yield return $"trunk={string.Join(',', Spec.Model.Trunk)}";
        yield return $"head_hidden={string.Join(',', Spec.HeadHidden)}";
        yield return $"dropout={Number(Spec.Model.Dropout)}";
        yield return $"batch={training.BatchSize}";
        yield return $"lr={Number(training.Optimizer.LearningRate)}";
        yield return $"lambda={Number(Method.Lambda)}";
        yield return $"bandwidth={Number(Method.Bandwidth)}";
        if (Case.Setting is { } setting)
        {
            yield return $"weights={string.Join(',', setting.Weights.Select(Number))}";
            yield return $"lambdas={string.Join(',', setting.Lambdas.Select(Number))}";
            yield return $"ratios={string.Join(',', setting.Ratios.Select(Number))}";
        }
    }

    private Training.TrainingOutcome Train(int epochs) =>
        _unit.Trainer.Train(_unit.Optimizer, _unit.Objective, epochs, null, Case.Shuffle, Case.Dropout, CancellationToken.None);
}
