using System.Runtime.CompilerServices;
using Shouldly;

namespace FairMtl.Testing;

/// <summary>
/// The approved-file mechanism every test project uses (compiled into each as shared source): Shouldly's
/// <c>ShouldMatchApproved</c> against <c>&lt;folder&gt;/&lt;stem&gt;.approved.txt</c>, after writing the received text as
/// the approved one when <c>FAIRMTL_ACCEPT_SNAPSHOTS=1</c> asks for it. With <c>CI</c> set nothing is ever accepted.
/// </summary>
internal static class ApprovedFiles
{
    public const string AcceptVariable = "FAIRMTL_ACCEPT_SNAPSHOTS";

    /// <summary>The approved file of <paramref name="stem"/> in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, string stem) => Path.Combine(folder, stem + ".approved.txt");

    /// <summary>
    /// Compares <paramref name="received"/> with the approved file (a missing one fails, as in CI);
    /// <paramref name="mayAccept"/> false keeps a fixture from being overwritten in accept mode.
    /// </summary>
    public static void Match(string received, string folder, string stem, bool mayAccept = true)
    {
        if (mayAccept && Environment.GetEnvironmentVariable(AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") is null or "")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(PathOf(folder, stem), received);
        }

        // Shouldly resolves SubFolder against the folder of the source file that calls ShouldMatchApproved: this one.
        received.ShouldMatchApproved(options => options
            .SubFolder(Path.GetRelativePath(ThisFolder(), folder))
            .NoDiff()
            .WithFilenameGenerator((_, _, type, extension) => $"{stem}.{type}.{extension}"));
    }

    private static string ThisFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
