using System.Reflection;

namespace FairMtl.Reports;

/// <summary>The version of the code that produced a result: the assembly version and, when built from a git
/// checkout, the commit (the SDK embeds it in the informational version as <c>version+sha</c>).</summary>
public sealed record CodeVersion(string Version, string? Commit)
{
    /// <summary>The version of the FairMtl library assembly.</summary>
    public static CodeVersion Current { get; } = FromInformationalVersion(
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown");

    /// <summary>Splits <c>1.2.3+abcdef</c> into version and commit.</summary>
    public static CodeVersion FromInformationalVersion(string informational)
    {
        var plus = informational.IndexOf('+');
        return plus < 0
            ? new CodeVersion(informational, null)
            : new CodeVersion(informational[..plus], informational[(plus + 1)..]);
    }
}
