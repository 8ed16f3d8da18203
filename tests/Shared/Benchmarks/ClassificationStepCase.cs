using FairMtl.Comparisons;
using FairMtl.Data;
using FairMtl.MultiTask;
using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Training;

namespace FairMtl.Benchmarks;

/// <summary>
/// A classification step benchmark's case, for every engine: one method of a classification experiment
/// (experiments/&lt;name&gt;.yaml) on its first repetition's real training rows, its network built and initialised by
/// the code the host trains units with (<see cref="UnitTraining.Prepare"/>: network, routed objective), and the
/// shuffle and dropout streams of the measured calls.
/// </summary>
internal sealed class ClassificationStepCase
{
    private ClassificationStepCase(string name, string experiment, string method)
    {
        Name = name;
        var path = RepositoryPaths.Experiment(experiment);
        var loaded = ComparisonYamlReader.Parse(File.ReadAllText(path), path, Path.GetDirectoryName(path)!);
        Spec = loaded.Spec with { Protocol = loaded.Spec.Protocol with { Repetitions = 1 } };
        var data = LoadedRepetitions.Load(loaded with { Spec = Spec });
        FeatureColumns = data.Data.Table.FeatureColumns;
        Repetition = data.Repetitions[0];
        Method = Spec.Methods.Single(m => m.Name == method);
        Setting = Spec is MultiTaskSpec multiTask ? MultiTaskSweep.Settings(multiTask.Sweep, Spec.Tasks.Count)[0] : null;
        Plan = MethodNetwork.For(Method, Spec, data.Data.Attributes, Setting);
        Attribute = data.Data.Attributes[0].Name;
    }

    /// <summary>The cases by name: Adult single-task (<c>adult-sex</c>'s STL), the auxiliary-task paper's GLF
    /// (<c>adult-sex</c>'s MTL-GLF) and MTA-F with the score MMD at the sweep's first setting (<c>adult-mtaf</c>'s
    /// MTAF-MMD).</summary>
    public static IReadOnlyList<string> Names { get; } = ["adult-stl", "adult-glf", "adult-mtaf-mmd"];

    public string Name { get; }

    public ComparisonSpec Spec { get; }

    public IReadOnlyList<string> FeatureColumns { get; }

    public MethodSpec Method { get; }

    public MultiTaskSetting? Setting { get; }

    public MethodNetwork Plan { get; }

    public RepetitionData Repetition { get; }

    /// <summary>The first sensitive attribute (the one the fairness terms and the PyTorch twin use).</summary>
    public string Attribute { get; }

    /// <summary>The batches' order (one stream for every measured call of this case).</summary>
    public DeterministicRandom Shuffle { get; } = new(4);

    /// <summary>The dropout stream.</summary>
    public DeterministicRandom Dropout { get; } = new(5);

    /// <summary>The training rows with the plan's targets (what a unit's trainer trains on).</summary>
    public DataPart TrainingRows => Plan.WithTargets(Repetition.Train);

    /// <summary>Batch, optimiser, initialiser and seed as a unit of this method is trained with.</summary>
    public TrainerSettings Settings => new(Spec.Training.BatchSize, Spec.Training.Optimizer, Spec.Model.Init, Repetition.Seed);

    /// <summary>Epochs per measured call (about 114 steps each on Adult).</summary>
    public static int Epochs(bool quick) => quick ? 2 : 8;

    /// <summary>Loads the case <paramref name="name"/> (one of <see cref="Names"/>): the experiment's data, its first
    /// repetition's split and the method's network plan.</summary>
    public static ClassificationStepCase Load(string name) => name switch
    {
        "adult-stl" => new ClassificationStepCase(name, "adult-sex", "STL"),
        "adult-glf" => new ClassificationStepCase(name, "adult-sex", "MTL-GLF"),
        "adult-mtaf-mmd" => new ClassificationStepCase(name, "adult-mtaf", "MTAF-MMD"),
        _ => throw new ArgumentException($"No classification step case '{name}' (one of {string.Join(", ", Names)}).", nameof(name)),
    };

    /// <summary>A unit's network initialised from the repetition's "init" stream, its native trainer and optimiser, and
    /// its routed objective (<see cref="UnitTraining.Prepare"/>).</summary>
    public UnitTrainer Prepare() => UnitTraining.Prepare(Spec, FeatureColumns, Repetition, Plan);
}
