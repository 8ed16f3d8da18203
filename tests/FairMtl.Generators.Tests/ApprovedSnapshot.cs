using System.Runtime.CompilerServices;

namespace FairMtl.Generators.Tests;

/// <summary>
/// Shouldly approved-file snapshots in <c>tests/FairMtl.Generators.Tests/approved/</c>, named
/// <c>TestClass.TestMethod.name.approved.txt</c>. To accept a change, run the tests with
/// <c>FAIRMTL_ACCEPT_SNAPSHOTS=1</c> (ignored when <c>CI</c> is set) and review the diff of the approved files.
/// </summary>
internal static class ApprovedSnapshot
{
    private const string AcceptVariable = "FAIRMTL_ACCEPT_SNAPSHOTS";

    public static void Match(string received, string name, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var testClass = Path.GetFileNameWithoutExtension(testFile);
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "approved");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") is null or "")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{testClass}.{testMethod}.{name}.approved.txt"), received);
        }

        received.ShouldMatchApproved(options => options
            .WithDiscriminator(name)
            .SubFolder("approved")
            .NoDiff()
            .WithFilenameGenerator((_, discriminator, type, extension) => $"{testClass}.{testMethod}{discriminator}.{type}.{extension}"));
    }
}
