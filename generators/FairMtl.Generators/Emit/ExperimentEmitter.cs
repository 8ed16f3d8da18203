using FairMtl.Generators.Model;

namespace FairMtl.Generators.Emit;

/// <summary>The generated file of one experiment: a new static class (YAML) or more of the user's partial class (attributes).</summary>
internal static class ExperimentEmitter
{
    public static string Emit(ExperimentModel experiment)
    {
        var spec = experiment.Spec ?? throw new ArgumentException("only experiments with a valid spec are generated", nameof(experiment));
        var type = experiment.Type;
        var writer = IndentedWriter.ForType(type);

        if (type.IsUserClass)
        {
            writer.Open((type.IsStatic ? "static " : string.Empty) + "partial class " + type.Name);
        }
        else
        {
            writer.Line("/// <summary>The experiment <c>" + Literals.XmlText(spec.Name) + "</c>, compiled from its YAML file.</summary>");
            writer.Open("public static partial class " + type.Name);
        }

        writer.Line("/// <summary>The experiment name.</summary>");
        writer.Line("public const string Name = " + Literals.String(spec.Name) + ";");
        writer.Line();
        writer.Line("/// <summary>The declaring file as the compiler saw it; the data file is resolved against its folder.</summary>");
        writer.Line("public const string SourceFile = " + Literals.String(experiment.SourceFile) + ";");
        writer.Line();
        if (experiment.SourceHash.Length > 0)
        {
            writer.Line("/// <summary>SHA-256 of the compiled YAML text: the host runs an unchanged file without parsing it again.</summary>");
            writer.Line("public const string SourceHash = " + Literals.String(experiment.SourceHash) + ";");
            writer.Line();
        }

        writer.Line("/// <summary>The resolved, validated spec.</summary>");
        SpecLiteralEmitter.Write(writer, spec, "public static global::FairMtl.Spec.ExperimentSpec Spec { get; } = ", ";");
        writer.Line();
        writer.Line("/// <summary>The spec with its generated loss weighting, as the registry lists it.</summary>");
        writer.Line("public static global::FairMtl.Compiled.CompiledExperiment Compiled { get; } =");
        writer.Indent().Line(experiment.SourceHash.Length > 0
            ? "new global::FairMtl.Compiled.CompiledExperiment(Name, SourceFile, Spec, new GeneratedWeighting(), SourceHash);"
            : "new global::FairMtl.Compiled.CompiledExperiment(Name, SourceFile, Spec, new GeneratedWeighting());").Outdent();
        writer.Line();
        WeightingEmitter.Write(writer, spec, emitLoss: !type.IsUserClass);
        writer.Line();
        ResultTypesEmitter.Write(writer, spec);
        writer.Close();

        return writer.CloseContainingTypes(type);
    }
}
