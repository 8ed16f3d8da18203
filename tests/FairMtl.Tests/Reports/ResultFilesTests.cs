using FairMtl.Diagnostics;
using FairMtl.Reports;
using FairMtl.Tests.Data;

namespace FairMtl.Tests.Reports;

/// <summary>The results folder check a run makes before training, and the error when writing the files fails anyway.</summary>
public class ResultFilesTests
{
    [Fact]
    public void A_folder_that_does_not_exist_yet_passes_and_nothing_is_created()
    {
        using var folder = new TempDataFolder();
        var results = Path.Combine(folder.Path, "results", "parkinson");

        ResultFiles.CheckWritable(results);

        Directory.GetFileSystemEntries(folder.Path).ShouldBeEmpty("the check creates neither the folder nor its probe file");
    }

    [Fact]
    public void A_file_where_a_parent_folder_should_be_is_named()
    {
        using var folder = new TempDataFolder();
        var file = folder.Write("results", "not a folder");
        var results = Path.Combine(file, "parkinson", "latest");

        var error = Should.Throw<FairMtlException>(() => ResultFiles.CheckWritable(results));

        error.Code.ShouldBe(DiagnosticCodes.ResultFolder);
        error.Message.ShouldBe($"{results}: error FMTL019: the results folder cannot be written: '{file}' is a file (expected a folder there, or nothing)");
    }

    [Fact]
    public void A_file_that_cannot_be_written_keeps_the_files_written_before_it_whole()
    {
        using var folder = new TempDataFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "b.csv")); // a folder where the second file goes

        var error = Should.Throw<FairMtlException>(() => ResultFiles.Write(folder.Path, [("a.csv", "x\n1\n"), ("b.csv", "y\n2\n")]));

        error.Code.ShouldBe(DiagnosticCodes.ResultFolder);
        error.Message.ShouldStartWith($"{folder.Path}: error FMTL019: the results folder cannot be written: ");
        error.Message.ShouldContain(Path.Combine(folder.Path, "b.csv"));
        File.ReadAllText(Path.Combine(folder.Path, "a.csv")).ShouldBe("x\n1\n");
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).ShouldBe(["a.csv"], "no temporary file is left behind");
    }
}
