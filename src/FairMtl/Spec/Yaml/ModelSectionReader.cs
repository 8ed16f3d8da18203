namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>model</c>, the shared trunk; every key has a default.</summary>
internal static class ModelSectionReader
{
    public static ModelSpec Read(YamlMappingReader? model)
    {
        if (model is null)
        {
            return new ModelSpec(new[] { 64, 32 }, Activation.Relu, 0d, false, Initializer.GlorotUniform);
        }

        var trunkNode = model.Get("trunk");
        var trunk = trunkNode is null
            ? new[] { 64, 32 }
            : YamlLists.Widths(trunkNode, "a non-empty list of integers > 0", allowEmpty: false);
        return new ModelSpec(
            trunk,
            model.Enum("activation", Activation.Relu, YamlEnumValues.Activations),
            model.Number("dropout", 0d, "a number in [0, 1)", v => v >= 0d && v < 1d),
            model.Bool("batch_norm", false),
            model.Enum("init", Initializer.GlorotUniform, YamlEnumValues.Initializers));
    }
}
