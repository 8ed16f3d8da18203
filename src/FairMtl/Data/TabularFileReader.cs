using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Reads the data file of an experiment (<c>data.file</c>, <c>data.format</c>, <c>data.header</c>, ...).</summary>
public static class TabularFileReader
{
    /// <summary>
    /// Reads <see cref="LoadedExperiment.DataPath"/> (and the files of <c>data.append</c>) according to the spec's
    /// <c>data</c> section and parses <paramref name="usedColumns"/> as finite numbers on the rows <c>data.filter</c> and
    /// <c>data.missing</c> keep; other columns may hold anything. Every column the spec names is checked to exist in the
    /// file.
    /// </summary>
    /// <exception cref="Diagnostics.FairMtlException">The file is missing, malformed, or a used value is not a number.</exception>
    public static DataTable Read(LoadedExperiment experiment, IReadOnlyCollection<string> usedColumns)
    {
        var file = DataFile.Load(experiment);
        ColumnReferences.Validate(experiment, file.ColumnNames, file.DisplayPath);
        return file.Parse(usedColumns.ToArray(), [], []);
    }
}
