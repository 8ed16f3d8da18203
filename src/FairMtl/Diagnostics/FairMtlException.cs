namespace FairMtl.Diagnostics;

/// <summary>
/// A mistake in the user's input (experiment file, data file, command line). Hosts print <see cref="Exception.Message"/>
/// without a stack trace and exit with code 2.
/// </summary>
public sealed class FairMtlException : Exception
{
    public FairMtlException(string code, SourceLocation? location, string detail)
        : base(Format(code, location, detail))
    {
        Code = code;
        Location = location;
        Detail = detail;
    }

    /// <summary>The stable diagnostic code (see <see cref="DiagnosticCodes"/>).</summary>
    public string Code { get; }

    /// <summary>Where the mistake is, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The message without location and code.</summary>
    public string Detail { get; }

    private static string Format(string code, SourceLocation? location, string detail) =>
        location is null ? $"error {code}: {detail}" : $"{location}: error {code}: {detail}";
}
