namespace FairMtl.Data;

/// <summary>One file a data section read (<c>data.file</c> or an appended file).</summary>
/// <param name="DisplayPath">The path as shown in messages.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes.</param>
/// <param name="Rows">Data rows read from the file (header, skipped and blank lines excluded; before filters and
/// missing-value drops).</param>
public sealed record DataFileProvenance(string DisplayPath, string Sha256, int Rows);
