using System.Runtime.CompilerServices;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Reports;

/// <summary>
/// Stored result folders for the report tests (Fixtures/: a 3-seed sweep, a method comparison and a multi-task
/// comparison, written by small runs, with timings and versions fixed), and the folder of their approved snapshots.
/// </summary>
internal static class ReportFixtures
{
    public static readonly string[] Names = ["sweep", "comparison", "multi-task"];

    /// <summary>The folder of the approved report and figure snapshots.</summary>
    public static string ApprovedFolder => Path.Combine(ThisFolder(), "approved");

    /// <summary>A fresh copy of fixture <paramref name="name"/> (so that writing the report leaves the source tree alone).</summary>
    public static TempDataFolder Copy(string name)
    {
        var folder = new TempDataFolder();
        foreach (var file in Directory.GetFiles(Path.Combine(ThisFolder(), "Fixtures", name)))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }

    private static string ThisFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
