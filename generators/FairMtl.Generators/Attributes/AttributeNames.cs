namespace FairMtl.Generators.Attributes;

/// <summary>Metadata names of the declaration attributes (<c>src/FairMtl/Declarations</c>).</summary>
internal static class AttributeNames
{
    public const string Namespace = "FairMtl.Declarations";
    public const string Experiment = Namespace + ".ExperimentAttribute";
    public const string Dataset = Namespace + ".DatasetAttribute";
    public const string Split = Namespace + ".SplitAttribute";
    public const string Groups = Namespace + ".GroupsAttribute";
    public const string Trunk = Namespace + ".TrunkAttribute";
    public const string Head = Namespace + ".HeadAttribute";
    public const string Sweep = Namespace + ".SweepAttribute";
    public const string Seeds = Namespace + ".SeedsAttribute";
    public const string ConditionalSweep = Namespace + ".ConditionalSweepAttribute";
    public const string Baseline = Namespace + ".BaselineAttribute";
    public const string Optimizer = Namespace + ".OptimizerAttribute";
    public const string Training = Namespace + ".TrainingAttribute";
    public const string EarlyStopping = Namespace + ".EarlyStoppingAttribute";
    public const string Evaluation = Namespace + ".EvaluationAttribute";

    public const string Task = Namespace + ".TaskAttribute";

    public const string Sensitive = Namespace + ".SensitiveAttribute";

    public const string Method = Namespace + ".MethodAttribute";

    public const string Constraint = Namespace + ".ConstraintAttribute";

    public const string ConstraintSweep = Namespace + ".ConstraintSweepAttribute";

    public const string Front = Namespace + ".FrontAttribute";

    public const string MultiTaskSweep = Namespace + ".MultiTaskSweepAttribute";

    public const string ConditionalFront = Namespace + ".ConditionalFrontAttribute";

    public const string Protocol = Namespace + ".ProtocolAttribute";

    /// <summary>"[Head]" for <c>FairMtl.Declarations.HeadAttribute</c>.</summary>
    public static string Display(string metadataName)
    {
        var name = metadataName.Substring(Namespace.Length + 1);
        return "[" + name.Substring(0, name.Length - "Attribute".Length) + "]";
    }
}
