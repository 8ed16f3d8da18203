using System.IO.Compression;
using FairMtl.Host.Running;
using FairMtl.Host.Store;
using FairMtl.Tests.Data;
using FairMtl.Tests.Host;
using static FairMtl.Tests.Store.ResumeTests;

namespace FairMtl.Tests.Store;

/// <summary>
/// <c>runs export</c> and <c>runs import</c>: finished units move from one store to another through a file, a run on
/// the other store then trains only what the file lacked and writes the same tables; units of another plan are left out,
/// a file that does not match its identities or is not such a file is refused with its place, and nothing is written.
/// </summary>
public class UnitArchiveTests
{
    [Theory]
    [InlineData("units.jsonl")]
    [InlineData("units.jsonl.gz")]
    public async Task Units_exported_from_one_store_and_imported_into_another_are_not_trained_again(string name)
    {
        using var folder = new TempDataFolder();
        var experiment = TwoSeeds(folder);
        var first = Path.Combine(folder.Path, "first.db");
        Trained(await Run(experiment, first, Path.Combine(folder.Path, "a"))).ShouldBe((8, 8));
        StoreFile.Execute(first, "DELETE FROM units WHERE rowid IN (SELECT rowid FROM units ORDER BY rowid LIMIT 3)").ShouldBe(3);
        var file = Path.Combine(folder.Path, "archive", name);

        var export = await HostRun.InvokeAsync("runs", "export", experiment, file, "--store", first);

        export.ExitCode.ShouldBe(ExitCodes.Success, export.Error);
        export.Output.ShouldContain("Exported 5 units (5 models) of parkinson-10seeds");
        Directory.GetFiles(Path.GetDirectoryName(file)!).ShouldBe([file], "no temporary file is left beside it");
        var second = Path.Combine(folder.Path, "second.db");
        var import = await HostRun.InvokeAsync("runs", "import", experiment, file, "--store", second);
        import.ExitCode.ShouldBe(ExitCodes.Success, import.Error);
        import.Output.ShouldContain("Imported 5 units of parkinson-10seeds into the run store");
        import.Output.ShouldContain("A run now trains the other 3 of its 8 units.");
        StoreFile.Scalar(second, "SELECT count(*) FROM units").ShouldBe(5L);
        var kept = Units(first);
        foreach (var (identity, unit) in Units(second))
        {
            unit.ShouldBe(kept[identity], "the units are as the first store kept them");
        }


        (await HostRun.InvokeAsync("runs", "import", experiment, file, "--store", second)).Output.ShouldContain("Imported 0 units of parkinson-10seeds into the run store");
        Trained(await Run(experiment, second, Path.Combine(folder.Path, "b"))).ShouldBe((3, 8), "only the units the file lacked");
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "b"));
    }

    [Fact]
    public async Task Units_of_another_plan_are_counted_and_left_out()
    {
        using var folder = new TempDataFolder();
        var (experiment, file) = await TrainedAndExported(folder);

        using var seeded = new TempDataFolder(folder.Path);
        var otherSeed = TwoSeeds(seeded, text => text.Replace("seeds: [42, 43]", "seeds: [42, 44]", StringComparison.Ordinal));
        var other = Path.Combine(folder.Path, "other.db");
        var import = await HostRun.InvokeAsync("runs", "import", otherSeed, file, "--store", other);

        import.ExitCode.ShouldBe(ExitCodes.Success, import.Error);
        import.Output.ShouldContain("Imported 4 units");
        import.Output.ShouldContain("4 of the file's 8 belong to another plan");
        Trained(await Run(otherSeed, other, Path.Combine(folder.Path, "b"))).ShouldBe((4, 8), "seed 42's four units came from the file");
    }

    [Fact]
    public async Task Another_builds_units_are_taken_only_after_verify_trains_some_again_with_the_same_results()
    {
        using var folder = new TempDataFolder();
        var (experiment, file) = await TrainedAndExported(folder);
        // As another build of the code would have written them: other identities (the numerics version is part of each),
        // the same keys and results.
        var lines = File.ReadAllLines(file);
        var otherBuild = Path.Combine(folder.Path, "other-build.jsonl");
        File.WriteAllLines(otherBuild, [lines[0], .. lines[1..].Select(line => line.Replace("{\"identity\":\"", "{\"identity\":\"0ther", StringComparison.Ordinal))]);
        var store = Path.Combine(folder.Path, "imported.db");

        var plain = await HostRun.InvokeAsync("runs", "import", experiment, otherBuild, "--store", store);
        plain.ExitCode.ShouldBe(ExitCodes.Success, plain.Error);
        plain.Output.ShouldContain("Imported 0 units");
        plain.Output.ShouldContain("8 of the file's 8 belong to another plan (another spec, data file or numerics version) and were left out; if only the code changed, --verify N");

        var verified = await HostRun.InvokeAsync("runs", "import", experiment, otherBuild, "--store", store, "--verify", "3");
        verified.ExitCode.ShouldBe(ExitCodes.Success, verified.Error);
        verified.Output.ShouldContain("Imported 8 units");
        verified.Output.ShouldContain("8 of them were trained by another build of the code: 3 trained again here gave the file's results byte for byte");
        verified.Output.ShouldContain("A run now trains the other 0 of its 8 units.");
        Trained(await Run(experiment, store, Path.Combine(folder.Path, "b"))).ShouldBe((0, 8));
        ResultFolders.ShouldHaveSameTablesAndFigures(Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "b"));
    }

    [Fact]
    public async Task Units_whose_numbers_this_build_does_not_reproduce_are_not_taken_even_with_verify()
    {
        using var folder = new TempDataFolder();
        var (_, file) = await TrainedAndExported(folder);
        using var rate = new TempDataFolder(folder.Path);
        var otherRate = TwoSeeds(rate, text => text.Replace("lr: 0.01", "lr: 0.02", StringComparison.Ordinal));
        var store = Path.Combine(folder.Path, "other.db");

        var import = await HostRun.InvokeAsync("runs", "import", otherRate, file, "--store", store, "--verify", "2");

        import.ExitCode.ShouldBe(ExitCodes.UserError, import.Output);
        import.Error.ShouldContain("trained again by this build gives another result than the file's");
        import.Error.ShouldContain("none of its units were imported");
        import.Error.ShouldNotContain("   at ");
        StoreFile.Scalar(store, "SELECT count(*) FROM units").ShouldBe(0L);
    }

    [Fact]
    public async Task An_export_that_finds_only_another_builds_units_says_so()
    {
        using var folder = new TempDataFolder();
        var experiment = TwoSeeds(folder);
        var store = Path.Combine(folder.Path, "runs.db");
        Trained(await Run(experiment, store, Path.Combine(folder.Path, "a"))).ShouldBe((8, 8));
        // As if another build (another numerics version) had trained them: their identities are not this build's.
        StoreFile.Execute(store, "UPDATE results SET numerics_version = 'feedfacefeedface'", "UPDATE units SET identity = 'x' || identity").ShouldBe(8);

        var export = await HostRun.InvokeAsync("runs", "export", experiment, Path.Combine(folder.Path, "u.jsonl"), "--store", store);

        export.ExitCode.ShouldBe(ExitCodes.Success, export.Error);
        export.Output.ShouldContain("Exported 0 units (0 models) of parkinson-10seeds");
        export.Output.ShouldContain("from other builds (numerics versions feedfacefeed; this one is ");
    }

    [Fact]
    public async Task A_file_whose_unit_does_not_match_its_identity_is_refused_before_anything_is_written()
    {
        using var folder = new TempDataFolder();
        var (experiment, file) = await TrainedAndExported(folder);
        var lines = File.ReadAllLines(file);

        // The last unit's result replaced by something that is not one; the first unit's key changed; the last unit's result
        // in another form than this build writes. (A result's numbers themselves cannot be checked without training again.)
        var garbage = Path.Combine(folder.Path, "garbage.jsonl");
        File.WriteAllLines(garbage, [.. lines[..^1], System.Text.RegularExpressions.Regex.Replace(lines[^1], "\"payload\":\".*\"}$", "\"payload\":\"not a result\"}")]);
        var swapped = Path.Combine(folder.Path, "swapped.jsonl");
        File.WriteAllLines(swapped, [lines[0], lines[1].Replace("\"key\":\"", "\"key\":\"another ", StringComparison.Ordinal), .. lines[2..]]);
        File.ReadAllText(swapped).ShouldNotBe(File.ReadAllText(file));

        var spaced = Path.Combine(folder.Path, "spaced.jsonl");
        File.WriteAllLines(spaced, [.. lines[..^1], lines[^1].Replace("\"payload\":\"[", "\"payload\":\" [", StringComparison.Ordinal)]);
        File.ReadAllText(spaced).ShouldNotBe(File.ReadAllText(file));

        foreach (var bad in new[] { garbage, swapped, spaced })
        {
            var target = Path.Combine(folder.Path, Path.GetFileNameWithoutExtension(bad) + ".db");
            var import = await HostRun.InvokeAsync("runs", "import", experiment, bad, "--store", target);

            import.ExitCode.ShouldBe(ExitCodes.UserError, $"{bad}: {import.Output}");
            import.Error.ShouldStartWith($"error: {bad}: unit ");
            import.Error.ShouldNotContain("   at ");
            (File.Exists(target) ? StoreFile.Scalar(target, "SELECT count(*) FROM units") : 0L).ShouldBe(0L, bad);
        }
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "empty.jsonl", string.Empty, ":1: the file is empty" },
        { "foreign.jsonl", "{\"format\":\"csv\"}\n", ":1: expected the header of a 'fairmtl-units' file" },
        { "newer.jsonl", "{\"format\":\"fairmtl-units\",\"version\":2,\"experiment\":\"x\",\"units\":0}\n", ":1: format version 2; this build reads version 1" },
        { "array.jsonl", "[1, 2]\n", ":1: expected a JSON object" },
        { "broken.jsonl", "{\"format\":\"fairmtl-units\",\"version\":1,\"experiment\":\"x\",\"units\":1}\n{\"identity\": \n", ":2: not valid JSON" },
        { "field.jsonl", "{\"format\":\"fairmtl-units\",\"version\":1,\"experiment\":\"x\",\"units\":1}\n{\"identity\":\"a\",\"key\":\"k\",\"models\":-1}\n", ":2: expected 'models', a whole number of at least 0" },
        { "short.jsonl", "{\"format\":\"fairmtl-units\",\"version\":1,\"experiment\":\"x\",\"units\":2}\n{\"identity\":\"a\",\"key\":\"k\",\"models\":1,\"seconds\":1,\"worker\":\"w\",\"payload\":\"{}\"}\n", ":2: the header announces 2 units but the file holds 1 (cut short?)" },
        { "more.jsonl", "{\"format\":\"fairmtl-units\",\"version\":1,\"experiment\":\"x\",\"units\":1}\n{\"identity\":\"a\",\"key\":\"k\",\"models\":1,\"seconds\":1,\"worker\":\"w\",\"payload\":\"{}\"}\n{\"identity\":\"b\"}\n", ":3: more units than the 1 the header announces" },
        { "deep.jsonl", "{\"format\":" + new string('[', 5000) + "\n", ":1: not valid JSON" },
        { "not-gzip.jsonl.gz", "{\"format\":\"fairmtl-units\"}\n", ":1: not a UTF-8 text (or not gzip)" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_file_that_is_not_an_export_is_named_with_its_line_and_what_was_expected(string name, string text, string message)
    {
        using var folder = new TempDataFolder();
        var path = folder.Write(name, text);

        var exception = Should.Throw<UnitArchiveException>(() => UnitArchive.Read(path));

        exception.Message.ShouldStartWith(path + message);
    }

    [Fact]
    public void A_line_past_the_limit_is_refused_without_reading_it_whole()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "long.jsonl.gz");
        using (var file = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'x');
            for (var i = 0; i <= UnitArchive.MaxLineChars / block.Length; i++)
            {
                file.Write(block);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Should.Throw<UnitArchiveException>(() => UnitArchive.Read(path));

        exception.Message.ShouldBe($"{path}:1: a line longer than {UnitArchive.MaxLineChars} characters; not a unit of a 'fairmtl-units' file");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(8L * UnitArchive.MaxLineChars, "bounded by the limit, not by the file");
    }

    [Fact]
    public void A_file_past_the_limit_on_its_whole_text_is_refused_at_the_line_that_passes_it()
    {
        using var folder = new TempDataFolder();
        var unit = "{\"identity\":\"a\",\"key\":\"k\",\"models\":1,\"seconds\":1,\"worker\":\"w\",\"payload\":\"{}\"}\n";
        var path = folder.Write("many.jsonl", "{\"format\":\"fairmtl-units\",\"version\":1,\"experiment\":\"x\",\"units\":100}\n" + string.Concat(Enumerable.Repeat(unit, 100)));

        UnitArchive.Read(path).Units.Count.ShouldBe(100);
        var exception = Should.Throw<UnitArchiveException>(() => UnitArchive.Read(path, maxTotalChars: 70 + (10 * unit.Length)));

        exception.Message.ShouldStartWith($"{path}:12: more than the {UnitArchive.MaxTotalChars} characters in all");
    }

    [Fact]
    public async Task An_export_from_a_store_that_does_not_exist_is_an_input_mistake()
    {
        using var folder = new TempDataFolder();
        var missing = Path.Combine(folder.Path, "none.db");

        var export = await HostRun.InvokeAsync("runs", "export", TwoSeeds(folder), Path.Combine(folder.Path, "u.jsonl"), "--store", missing);

        export.ExitCode.ShouldBe(ExitCodes.UserError);
        export.Error.ShouldContain("none.db");
        File.Exists(missing).ShouldBeFalse();
        File.Exists(Path.Combine(folder.Path, "u.jsonl")).ShouldBeFalse();
    }

    /// <summary>The reduced Parkinson experiment over two seeds trained into a store, and all its units exported.</summary>
    private static async Task<(string Experiment, string File)> TrainedAndExported(TempDataFolder folder)
    {
        var experiment = TwoSeeds(folder);
        var store = Path.Combine(folder.Path, "runs.db");
        Trained(await Run(experiment, store, Path.Combine(folder.Path, "a"))).ShouldBe((8, 8));
        var file = Path.Combine(folder.Path, "units.jsonl");
        (await HostRun.InvokeAsync("runs", "export", experiment, file, "--store", store)).ExitCode.ShouldBe(ExitCodes.Success);
        return (experiment, file);
    }

    /// <summary>Each stored unit's identity with its key and result text.</summary>
    private static Dictionary<string, (string Key, string Payload)> Units(string store)
    {
        using var connection = StoreFile.Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT identity, unit_key, payload FROM units";
        using var reader = command.ExecuteReader();
        var units = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            units[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return units;
    }

    private static Task<HostRun> Run(string experiment, string store, string outDirectory) =>
        HostRun.InvokeAsync(experiment, "--store", store, "--out", outDirectory);
}
