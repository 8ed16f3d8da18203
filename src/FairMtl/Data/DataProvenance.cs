using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Identifies the data an experiment ran on.</summary>
/// <param name="DisplayPath">The path of <c>data.file</c> as shown in messages.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of <c>data.file</c>'s bytes.</param>
/// <param name="Rows">Data rows used (after <c>data.filter</c> and <c>data.missing</c>).</param>
/// <param name="Columns">Columns in the file.</param>
public sealed record DataProvenance(string DisplayPath, string Sha256, int Rows, int Columns)
{
    /// <summary>Every file read (<c>data.file</c> first, then <c>data.append</c>), with its hash and the rows read from it.</summary>
    public EquatableArray<DataFileProvenance> Files { get; init; } = EquatableArray<DataFileProvenance>.Empty;
}
