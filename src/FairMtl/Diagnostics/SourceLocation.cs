namespace FairMtl.Diagnostics;

/// <summary>A position in a user file; line and column are 1-based (0 = unknown).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that names only the file.</summary>
    public static SourceLocation OfFile(string file) => new(file, 0, 0);

    /// <summary>The same location moved <paramref name="columns"/> characters to the right.</summary>
    public SourceLocation Offset(int columns) => this with { Column = Column + columns };

    /// <summary>MSBuild-style <c>file(line,col)</c>, the form IDEs and the compiler use.</summary>
    public override string ToString() => Line > 0
        ? $"{File}({Line},{Math.Max(Column, 1)})"
        : File;
}
