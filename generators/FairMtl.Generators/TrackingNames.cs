namespace FairMtl.Generators;

/// <summary>Names of the incremental pipeline's steps, so tests can check what a re-run served from the cache.</summary>
internal static class TrackingNames
{
    public const string YamlFiles = nameof(YamlFiles);
    public const string YamlExperiments = nameof(YamlExperiments);
    public const string AttributeExperiments = nameof(AttributeExperiments);
    public const string DataHeaderPaths = nameof(DataHeaderPaths);
    public const string DataHeaders = nameof(DataHeaders);
    public const string AllExperiments = nameof(AllExperiments);
    public const string CheckedExperiments = nameof(CheckedExperiments);
    public const string Experiment = nameof(Experiment);
    public const string Registry = nameof(Registry);
    public const string TorchAvailable = nameof(TorchAvailable);
    public const string RegistryNamespace = nameof(RegistryNamespace);
    public const string TorchModels = nameof(TorchModels);

    /// <summary>Every step name above.</summary>
    public static readonly string[] All =
    [
        YamlFiles, YamlExperiments, AttributeExperiments, DataHeaderPaths, DataHeaders, AllExperiments, CheckedExperiments, Experiment,
        Registry, TorchAvailable, RegistryNamespace, TorchModels,
    ];
}
