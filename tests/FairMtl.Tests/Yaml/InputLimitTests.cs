using System.Text;
using FairMtl.Diagnostics;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Tests.Comparisons;
using FairMtl.Tests.Data;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

/// <summary>
/// Hostile experiment files (alias bombs, self-references, deep nesting, tags, huge files, absurd sweeps) are refused
/// at the first offending token with a located FMTL error, and what stays within the limits still reads.
/// </summary>
public class InputLimitTests
{
    /// <summary>
    /// A nested alias shape just past <see cref="InputLimits.YamlAliasNodes"/> (3 levels of 30 aliases: 30 x 31 x ...),
    /// small enough that a broken bound would fail the assertion instead of exhausting the test host.
    /// </summary>
    private static string AliasBomb(int width, int levels)
    {
        var text = new StringBuilder(Minimal).Append('\n');
        text.Append("a0: &a0 [").Append(string.Join(", ", Enumerable.Repeat("lol", width))).Append("]\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append($"a{level}: &a{level} [").Append(string.Join(", ", Enumerable.Repeat($"*a{level - 1}", width))).Append("]\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Aliases_that_expand_past_the_bound_are_refused_at_the_alias_that_crosses_it()
    {
        // a0: 31 nodes; a1's 30 aliases add 930 and a1 is 931; a2's aliases of a1 add 931 each: the 10th takes the total past 10000.
        var error = Error(AliasBomb(width: 30, levels: 3));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DisplayPath, 12, 10 + (9 * 5)));
        error.Detail.ShouldBe("aliases expand to more than 10000 YAML nodes (alias '*a1' stands for 931); expected aliases of small parts of the file");
    }

    [Fact]
    public void Aliases_within_the_bound_read_as_the_values_they_stand_for()
    {
        var aliased = Parse(TwoHeads.WithLine("y: { column: target }", "  y: { column: target, hidden: *widths }")
            .Replace("name: t\n", "name: t\nmodel: { trunk: &widths [8, 4] }\n", StringComparison.Ordinal));
        var plain = Parse(TwoHeads.WithLine("y: { column: target }", "  y: { column: target, hidden: [8, 4] }")
            .Replace("name: t\n", "name: t\nmodel: { trunk: [8, 4] }\n", StringComparison.Ordinal));

        aliased.Spec.ShouldBe(plain.Spec);
        aliased.Spec.Heads[0].Hidden.ShouldBe([8, 4]);
    }

    [Theory]
    [InlineData("a: &a [1, *a]", 1, 11)]
    [InlineData("a: &a { b: [1, { c: *a }] }", 1, 21)]
    public void An_alias_inside_the_node_it_names_is_refused(string line, int lineOffset, int column)
    {
        var error = Error(Minimal + "\n" + line);

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location.ShouldBe(new SourceLocation(DisplayPath, 9 + lineOffset, column));
        error.Detail.ShouldBe("alias '*a' refers to the node '&a' that contains it (expected an alias of a complete node: a node cannot hold itself)");
    }

    [Fact]
    public void An_alias_of_no_anchor_is_a_yaml_error_at_the_alias()
    {
        Error(Minimal + "\nb: *nowhere").ShouldBeAt(
            DiagnosticCodes.YamlSyntax, 10, 4, "alias '*nowhere' refers to no anchor '&nowhere' before it (expected an anchor defined earlier in the file)");
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_refused_at_the_first_level_past_it()
    {
        var depth = InputLimits.YamlDepth;
        var error = Error(Minimal + "\nd: " + new string('[', 100_000));

        // The root mapping is level 1, so the 64th '[' (column 4 + 63) opens level 65.
        error.ShouldBeAt(DiagnosticCodes.InputLimit, 10, 4 + depth - 1, $"YAML nested more than {depth} levels deep (expected an experiment's few levels of mappings and lists)");
    }

    [Fact]
    public void Nesting_at_the_bound_is_read()
    {
        var nested = new string('[', InputLimits.YamlDepth - 1) + new string(']', InputLimits.YamlDepth - 1);

        Error(Minimal.Replace("loss: y", "loss: y\ndescription: " + nested, StringComparison.Ordinal))
            .ShouldBeAt(DiagnosticCodes.InvalidValue, 8, 14, "'description' must be a string, got a list of 1 item");
    }

    [Fact]
    public void An_alias_counts_the_levels_of_the_node_it_stands_for_as_if_it_were_written_out()
    {
        // The root list is level 1; 62 more lists reach level 63. An alias there of a one-level list reaches 64 (read),
        // of a two-level list 65 (refused), exactly as the same lists written out.
        static void Load(string yaml) => YamlDocumentLoader.Load(yaml, new YamlReadContext(DisplayPath));
        string At63(string alias) => "- &flat [1]\n- &two [[1]]\n- " + new string('[', 62) + alias + new string(']', 62) + "\n";

        Should.NotThrow(() => Load(At63("*flat")));
        var error = Should.Throw<FairMtlException>(() => Load(At63("*two")));
        error.ShouldBeAt(DiagnosticCodes.InputLimit, 3, 65, $"alias '*two' nests the document more than {InputLimits.YamlDepth} levels deep");
        Should.NotThrow(() => Load("- " + new string('[', 63) + new string(']', 63) + "\n"));
        Should.Throw<FairMtlException>(() => Load("- " + new string('[', 64) + new string(']', 64) + "\n")).Code.ShouldBe(DiagnosticCodes.InputLimit);
    }

    [Fact]
    public void An_alias_that_would_nest_past_the_bound_is_refused()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var error = Error(Minimal + "\na: &deep " + deep + "\nb: " + new string('[', 30) + "*deep" + new string(']', 30));

        error.ShouldBeAt(DiagnosticCodes.InputLimit, 11, 34, $"alias '*deep' nests the document more than {InputLimits.YamlDepth} levels deep");
    }

    [Theory]
    [InlineData("description: !!python/object/apply:os.system [\"echo owned\"]", 14, "!!python/object/apply:os.system")]
    [InlineData("description: !!str text", 14, "!!str")]
    [InlineData("description: !custom text", 14, "!custom")]
    [InlineData("description: ! text", 14, "!")]
    [InlineData("description: !!map { a: 1 }", 14, "!!map")]
    public void Any_explicit_tag_is_refused_at_the_tag(string line, int column, string tag)
    {
        Error(Minimal.Replace("loss: y", "loss: y\n" + line, StringComparison.Ordinal)).ShouldBeAt(
            DiagnosticCodes.YamlSyntax,
            8,
            column,
            $"YAML tags are not supported, found '{tag}' (expected a plain value; an experiment file holds only text, numbers, lists and mappings)");
    }

    [Fact]
    public void A_file_over_the_size_bound_is_refused_at_the_character_that_crosses_it()
    {
        // 'é' is two UTF-8 bytes: the bound falls inside the padding line, counted in bytes, not characters.
        var head = Minimal + "\n# ";
        var padding = new string('é', InputLimits.ExperimentFileBytes / 2);
        var error = Error(head + padding + "\n");

        var headBytes = Encoding.UTF8.GetByteCount(head);
        var firstOver = ((InputLimits.ExperimentFileBytes - headBytes) / 2) + 1;
        error.ShouldBeAt(
            DiagnosticCodes.InputLimit,
            10,
            2 + firstOver,
            $"the experiment file passes its size limit of 1 MiB ({InputLimits.ExperimentFileBytes} bytes) here (expected an experiment of a few KiB; data belongs in data.file)");
    }

    [Fact]
    public void A_file_of_exactly_the_size_bound_is_read()
    {
        var head = Minimal + "\n# ";
        var text = head + new string('x', InputLimits.ExperimentFileBytes - Encoding.UTF8.GetByteCount(head));

        Encoding.UTF8.GetByteCount(text).ShouldBe(InputLimits.ExperimentFileBytes);
        Parse(text).Spec.Name.ShouldBe("t");
    }

    [Fact]
    public void A_huge_file_on_disk_is_read_no_further_than_the_bound()
    {
        using var folder = new TempDataFolder();
        var path = Path.Combine(folder.Path, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.Write(Encoding.UTF8.GetBytes(Minimal + "\n# "));
            file.SetLength(64L << 20); // 64 MiB, the rest NUL bytes
        }

        var error = Should.Throw<FairMtlException>(() => ExperimentYamlReader.Load(path));

        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Location!.Line.ShouldBe(10);
        ExperimentYamlReader.ReadFile(path).Text.Length.ShouldBe(InputLimits.ExperimentFileBytes + 1);
    }

    [Fact]
    public void Hostile_text_is_not_a_comparison_and_costs_nothing_to_ask()
    {
        ComparisonYamlReader.Declares("methods: " + new string('[', 1_000_000)).ShouldBeFalse();
        ComparisonYamlReader.Declares(AliasBomb(30, 3) + "\nmethods: {}").ShouldBeFalse();
        ComparisonYamlReader.Declares("methods: !!python/object:x {}").ShouldBeFalse();
    }

    [Fact]
    public void Names_too_long_to_compare_cheaply_get_no_suggestion()
    {
        // The edit distance costs the product of the lengths: a megabyte-long unknown column against thousands of
        // columns took minutes before names over the bound were left without a suggestion.
        var columns = Enumerable.Range(0, 2000).Select(i => "column_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        NameSuggestions.Nearest(new string('q', NameSuggestions.MaxLength + 1), columns.Append(new string('q', NameSuggestions.MaxLength))).ShouldBeNull();
        NameSuggestions.Nearest(new string('q', NameSuggestions.MaxLength), columns.Append(new string('q', NameSuggestions.MaxLength - 1)))
            .ShouldBe(new string('q', NameSuggestions.MaxLength - 1));
        NameSuggestions.Nearest("column_17x", columns).ShouldBe("column_17");
    }

    public static TheoryData<string, int, int, string> SweepCases => new()
    {
        { TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 1000000000000 }"), 11, 35, "'sweep.alpha.count' must be an integer in [1, 10000], got '1000000000000'" },
        { TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 10001 }"), 11, 35, "'sweep.alpha.count' must be an integer in [1, 10000], got '10001'" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  seeds: 10001"), 12, 10, "'sweep.seeds' must be a list of integers >= 0, or a count in [1, 10000], got '10001'" },
        { TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  seeds: 99999999999999999999"), 12, 10, "'sweep.seeds' must be a list of integers >= 0, or a count in [1, 10000], got '99999999999999999999'" },
        {
            TwoHeads.WithLine("alpha:", "  alpha: [1, 2]\n  beta: { from: 0, to: 1, count: 1000 }\n  gamma: { from: 0, to: 1, count: 1000 }\n  delta: { from: 0, to: 1, count: 10000 }"),
            13, 3, "sweep variable 'gamma' takes the sweep to 2000000 points per seed (2 x 1000 x 1000 values; expected at most 100000)"
        },
        { TwoHeads.WithLine("alpha:", "  alpha: [" + string.Join(", ", Enumerable.Range(0, 10_001)) + "]"), 11, 11 + Enumerable.Range(0, 10_000).Sum(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2), "'sweep.alpha' lists more than 10000 values (expected at most 10000)" },
        { Minimal + "\nmodel:\n  trunk: [64, 16385]", 11, 15, "'model.trunk[1]' must be an integer in [1, 16384], got '16385'" },
        { Minimal + "\nmodel:\n  trunk: [10000, 4000, 10000]", 11, 24, "'model.trunk' connects its layers with more than 50000000 weights from here on (expected at most 50000000)" },
        { Minimal + "\nmodel:\n  trunk: [" + string.Join(", ", Enumerable.Repeat(1, 65)) + "]", 11, 11 + (64 * 3), "'model.trunk' lists more than 64 layers (expected at most 64)" },
    };

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void Declared_sizes_over_their_bound_are_refused_before_anything_is_expanded(string yaml, int line, int column, string detail)
    {
        Error(yaml).ShouldBeAt(DiagnosticCodes.InputLimit, line, column, detail);
    }

    [Fact]
    public void Heads_variables_tasks_attributes_and_methods_are_bounded_in_number()
    {
        var manyHeads = Minimal.Replace("  y: { column: target }", string.Concat(Enumerable.Range(0, 65).Select(i => $"  h{i}: {{ column: target }}\n")).TrimEnd('\n'), StringComparison.Ordinal);
        Error(manyHeads).ShouldBeAt(DiagnosticCodes.InputLimit, 6 + 64, 3, "'heads' declares more than 64 heads (expected at most 64)");

        var manyVariables = Minimal + "\nsweep:\n" + string.Concat(Enumerable.Range(0, 65).Select(i => $"  v{i}: [1]\n"));
        Error(manyVariables).ShouldBeAt(DiagnosticCodes.InputLimit, 11 + 64, 3, "'sweep' declares more than 64 variables (expected at most 64)");

        var manyFilters = Minimal.Replace("  file: d.csv", "  file: d.csv\n  filter: [" + string.Join(", ", Enumerable.Range(0, 65).Select(i => $"\"a > {i}\"")) + "]", StringComparison.Ordinal);
        Error(manyFilters).Detail.ShouldBe("'data.filter' lists more than 64 conditions (expected at most 64)");

        var manyAttributes = Comparisons.ComparisonYamlTests.Minimal.WithLine(
            "g:", string.Concat(Enumerable.Range(0, 65).Select(i => $"  g{i}: {{ column: group, privileged: [a] }}\n")).TrimEnd('\n'));
        var error = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(manyAttributes, DisplayPath, "/base"));
        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Detail.ShouldBe("'sensitive' declares more than 64 sensitive attributes (expected at most 64)");
    }

    [Fact]
    public void The_model_count_of_a_sweep_counts_points_seeds_and_baselines()
    {
        var loaded = Parse(TwoHeads.WithLine("alpha:", "  alpha: { from: 0, to: 4, count: 10000 }\n  beta: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  seeds: 2"));

        ModelCount.Of(loaded.Spec).ShouldBe((10_000L * 10 * 2) + 2);
        ModelCount.Check(loaded, 200_002);
        Should.Throw<FairMtlException>(() => ModelCount.Check(loaded, InputLimits.DefaultMaxModels)).ShouldBeAt(
            DiagnosticCodes.InputLimit,
            11,
            3,
            "this experiment would train 200002 models (100000 sweep points x 2 seeds + 2 baselines), more than the limit of 100000; "
            + "shrink the sweep, or raise the limit with --max-models if you mean it");
    }

    [Fact]
    public void A_multi_task_grid_whose_settings_overflow_is_refused_with_its_count_before_any_setting_is_drawn()
    {
        var loaded = ComparisonYamlReader.Parse(
            MultiTaskYamlTests.Minimal.WithLine("sweep:", "sweep: { kind: grid, runs: 100000 }"), "mt.yaml", "/base");

        ModelCount.Of(loaded.Spec).ShouldBe(10L * (2 + (3 * 1_000_000_000_000_000L)));
        var error = Should.Throw<FairMtlException>(() => ModelCount.Check(loaded, InputLimits.DefaultMaxModels));
        error.Code.ShouldBe(DiagnosticCodes.InputLimit);
        error.Message.ShouldStartWith("mt.yaml(14,28): error FMTL018: this experiment would train 30000000000000020 models "
            + "((2 references + 3 methods x 100000^3 grid settings) x 10 repetitions), more than the limit of 100000");

        var runs = Should.Throw<FairMtlException>(() => ComparisonYamlReader.Parse(
            MultiTaskYamlTests.Minimal.WithLine("sweep:", "sweep: { kind: random, runs: 1000000000 }"), "mt.yaml", "/base"));
        runs.Code.ShouldBe(DiagnosticCodes.InputLimit);
        runs.Detail.ShouldBe("'sweep.runs' must be an integer in [1, 100000], got '1000000000'");
    }
}
