using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class YamlSyntaxErrorTests
{
    [Fact]
    public void Malformed_yaml_is_FMTL001_at_the_parsers_position() =>
        Error(Minimal.WithLine("file:", "  file: 'd.csv"))
            .ShouldBeAt(DiagnosticCodes.YamlSyntax, 3, 9, "malformed YAML: While scanning a quoted scalar, found unexpected end of stream.");

    [Fact]
    public void A_duplicate_key_is_FMTL001_at_the_second_occurrence() =>
        Error(Minimal + "\nname: u").ShouldBeAt(DiagnosticCodes.YamlSyntax, 10, 1, "duplicate key 'name'");

    [Fact]
    public void A_duplicate_key_in_a_flow_mapping_is_found_too() =>
        Error(Minimal.WithLine("y:", "  y: { column: a, column: b }")).ShouldBeAt(DiagnosticCodes.YamlSyntax, 6, 19, "duplicate key 'column'");

    [Fact]
    public void A_second_document_is_FMTL001() =>
        Error(Minimal + "\n---\nname: u").ShouldBeAt(DiagnosticCodes.YamlSyntax, 11, 1, "expected a single YAML document, found a second one");

    [Fact]
    public void A_parser_failure_without_a_message_of_its_own_still_gets_a_position_and_a_hint() =>
        Error(Minimal.WithLine("groups:", "  groups: [1, 2"))
            .ShouldBeAt(DiagnosticCodes.YamlSyntax, 4, 12, "malformed YAML near here; is a '[', '{' or quote left open?");

    [Theory]
    [InlineData("  groups: [1, 2")]
    [InlineData("  groups: { column: g")]
    [InlineData("  groups: *missing")]
    [InlineData("  groups: column: g")]
    public void Parser_failures_of_any_kind_become_FMTL001_with_a_position(string line)
    {
        var error = Error(Minimal.WithLine("groups:", line));

        error.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        error.Location.ShouldNotBeNull().Line.ShouldBeGreaterThan(0);
        error.Message.ShouldStartWith($"{DisplayPath}({error.Location.Line},{error.Location.Column}): error FMTL001: ");
    }

    [Fact]
    public void An_empty_file_is_FMTL003_at_its_start() =>
        Error(string.Empty).ShouldBeAt(
            DiagnosticCodes.InvalidValue, 1, 1, "the experiment file is empty; expected a mapping with at least name, data, heads, loss and training");

    [Fact]
    public void A_file_that_is_not_a_mapping_is_FMTL003() =>
        Error("- a").ShouldBeAt(
            DiagnosticCodes.InvalidValue, 1, 1, "the experiment file must be a mapping with at least name, data, heads, loss and training, got a list of 1 item");

    [Fact]
    public void Any_damage_to_a_valid_file_gives_a_FairMtlException_and_nothing_else()
    {
        var text = File.ReadAllText(RepositoryRoot.Experiment("boston.yaml"));
        var lines = text.Split('\n');
        var variants = new List<string>();
        for (var length = 0; length < text.Length; length += 3)
        {
            variants.Add(text[..length]);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            variants.Add(string.Join('\n', lines.Where((_, index) => index != i)));
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                foreach (var junk in new[] { "[", "{}", "[]", "''", "- x", "~", "-1", "1e999", "&a", "{ a: 1 }", "[x, [y]]" })
                {
                    variants.Add(string.Join('\n', lines.Select((line, index) => index == i ? line[..(colon + 2)] + junk : line)));
                }
            }
        }

        foreach (var variant in variants)
        {
            try
            {
                Parse(variant);
            }
            catch (FairMtlException error)
            {
                error.Message.ShouldStartWith(DisplayPath, customMessage: variant);
            }
        }
    }
}
