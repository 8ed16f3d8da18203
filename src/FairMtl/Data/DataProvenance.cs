namespace FairMtl.Data;

/// <summary>Identifies the data file an experiment ran on.</summary>
/// <param name="DisplayPath">The path as shown in messages.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Columns">Columns in the file.</param>
public sealed record DataProvenance(string DisplayPath, string Sha256, int Rows, int Columns);
