using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// <c>{registry namespace}.TorchModelRegistration</c>: a module initializer that registers every generated torch module
/// of the compilation with <c>FairMtl.Torch.Modules.TorchModels</c>, and every comparison's generated modules and
/// objectives with <c>FairMtl.Torch.Modules.TorchComparisons</c>, by experiment name, when the assembly is loaded (the
/// torch engine then trains a compiled experiment's units with them).
/// </summary>
internal static class TorchRegistrationEmitter
{
    public const string HintName = "FairMtl.Generated.TorchModelRegistration.g.cs";

    /// <param name="entries">Each experiment's name and its module's full type name (a comparison's: its trunk class).</param>
    /// <param name="registryNamespace">The namespace of the compilation's registry.</param>
    public static string Emit(EquatableArray<RegistryEntry> entries, string registryNamespace)
    {
        var writer = IndentedWriter.ForNamespace(registryNamespace);
        writer.Line("/// <summary>Registers the generated torch code of every compiled torch experiment of this assembly.</summary>");
        writer.Open("internal static class TorchModelRegistration");
        writer.Line("/// <summary>Runs when the assembly is loaded.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Open("internal static void Register()");
        foreach (var entry in entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            writer.Line(entry.IsComparison
                ? $"global::FairMtl.Torch.Modules.TorchComparisons.Register({Literals.String(entry.Name)}, new global::FairMtl.Torch.Modules.GeneratedComparison({entry.TypeName}.CreateModel, {entry.TypeName}.CreateObjective));"
                : $"global::FairMtl.Torch.Modules.TorchModels.Register({Literals.String(entry.Name)}, {entry.TypeName}.Create);");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
