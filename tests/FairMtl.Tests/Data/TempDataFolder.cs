namespace FairMtl.Tests.Data;

/// <summary>A fresh folder for data files, deleted on dispose.</summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder(string? parent = null)
    {
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), "fairmtl-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> verbatim (no newline translation) and returns the full path.</summary>
    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <c>data.csv</c> and returns <paramref name="spec"/> (default:
    /// <see cref="TestExperiments.ParkinsonLikeSpec"/>) loaded with this folder as its base directory.
    /// </summary>
    public Spec.LoadedExperiment Experiment(string content, Spec.ExperimentSpec? spec = null)
    {
        spec ??= TestExperiments.ParkinsonLikeSpec();
        Write(spec.Data.File, content);
        return TestExperiments.Load(spec, Path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
