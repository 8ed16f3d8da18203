using System.Runtime.CompilerServices;
using FairMtl.Reports;
using FairMtl.Testing;

namespace FairMtl.Tests.Snapshots;

/// <summary>
/// Shouldly's approved-file snapshots (all in <c>tests/FairMtl.Tests/Snapshots/approved/</c>, named
/// <c>TestClass.TestMethod.name.approved.txt</c>) with a readable diff of
/// result tables on mismatch, and an explicit way to accept a new snapshot: run the tests with
/// <c>FAIRMTL_ACCEPT_SNAPSHOTS=1</c>. With <c>CI</c> set nothing is ever accepted.
/// </summary>
internal static class ApprovedSnapshot
{
    /// <summary>
    /// Compares <paramref name="received"/> with the approved snapshot <paramref name="name"/> of the calling test;
    /// <paramref name="mayAccept"/> false keeps a fixture from being overwritten in accept mode.
    /// </summary>
    public static void Match(
        string received,
        string name,
        bool mayAccept = true,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        var testClass = Path.GetFileNameWithoutExtension(testFile);
        var folder = Path.Combine(ThisFolder(), "approved");
        var stem = $"{testClass}.{testMethod}.{name}";
        var approvedPath = ApprovedFiles.PathOf(folder, stem);
        var differences = File.Exists(approvedPath)
            ? ResultSnapshot.Differences(File.ReadAllText(approvedPath).ReplaceLineEndings("\n"), received)
            : [];
        try
        {
            ApprovedFiles.Match(received, folder, stem, mayAccept);
        }
        catch (ShouldAssertException exception) when (differences.Count > 0)
        {
            throw new ShouldAssertException(
                $"Snapshot '{name}' changed ({approvedPath}):\n  " + string.Join("\n  ", differences)
                + $"\nIf the change is intended, accept it with: {ApprovedFiles.AcceptVariable}=1 dotnet test --filter {testClass}",
                exception);
        }
    }

    private static string ThisFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
