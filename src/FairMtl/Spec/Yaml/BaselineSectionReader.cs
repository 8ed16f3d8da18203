namespace FairMtl.Spec.Yaml;

/// <summary>Reads <c>baseline</c>; defaults to the evaluated head alone and the training epochs.</summary>
internal static class BaselineSectionReader
{
    public static BaselineSpec Read(YamlMappingReader? baseline, IReadOnlyList<HeadSpec> heads, string evaluationHead, int trainingEpochs)
    {
        if (baseline is null)
        {
            return new BaselineSpec(true, new[] { evaluationHead }, trainingEpochs);
        }

        var names = new[] { evaluationHead };
        var headsNode = baseline.Get("heads");
        if (headsNode is not null)
        {
            names = YamlLists.Names(headsNode, "a non-empty list of head names", allowEmpty: false);
            foreach (var item in headsNode.AsList("a non-empty list of head names"))
            {
                HeadReferences.Resolve(item, heads);
            }
        }

        return new BaselineSpec(
            baseline.Bool("enabled", true),
            names,
            baseline.Int("epochs", trainingEpochs, "an integer > 0", v => v > 0));
    }
}
