using System.Runtime.CompilerServices;
using FairMtl.Testing;

namespace FairMtl.Generators.Tests;

/// <summary>
/// Approved-file snapshots in <c>tests/FairMtl.Generators.Tests/approved/</c>, named
/// <c>TestClass.TestMethod.name.approved.txt</c>. To accept a change, run the tests with
/// <c>FAIRMTL_ACCEPT_SNAPSHOTS=1</c> (ignored when <c>CI</c> is set) and review the diff of the approved files.
/// </summary>
internal static class ApprovedSnapshot
{
    public static void Match(string received, string name, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        ApprovedFiles.Match(received, Path.Combine(ThisFolder(), "approved"), $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}.{name}");

    private static string ThisFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
