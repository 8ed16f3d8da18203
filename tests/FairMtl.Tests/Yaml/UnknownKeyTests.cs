using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class UnknownKeyTests
{
    [Fact]
    public void An_unknown_key_suggests_the_key_it_abbreviates() =>
        Error(Minimal + "\n  optimizer:\n    learning_rate: 0.01")
            .ShouldBeAt(DiagnosticCodes.UnknownKey, 11, 5, "unknown key 'learning_rate' in 'training.optimizer'; did you mean 'lr'?");

    [Fact]
    public void An_unknown_key_suggests_the_nearest_key() =>
        Error(Minimal.WithLine("y:", "  y: { column: target, taks: binary }"))
            .ShouldBeAt(DiagnosticCodes.UnknownKey, 6, 24, "unknown key 'taks' in 'heads.y'; did you mean 'task'?");

    [Fact]
    public void An_unknown_key_without_a_close_match_lists_the_valid_keys() =>
        Error(Minimal + "\ncolour: red").ShouldBeAt(
            DiagnosticCodes.UnknownKey,
            10,
            1,
            "unknown key 'colour' at the top level; valid keys: name, description, data, model, heads, loss, sweep, baseline, training, evaluation");

    [Fact]
    public void Unknown_keys_are_reported_before_missing_ones() =>
        Error(Minimal + "\nsweep:\n  alpha: { from: 0, to: 4, cuont: 5 }")
            .ShouldBeAt(DiagnosticCodes.UnknownKey, 11, 28, "unknown key 'cuont' in 'sweep.alpha'; did you mean 'count'?");

    [Fact]
    public void A_misspelt_seeds_key_is_pointed_out() =>
        Error(Minimal + "\nsweep:\n  seed: 3")
            .ShouldBeAt(DiagnosticCodes.InvalidValue, 11, 9, "'sweep.seed' must be {from, to, count} or a list of numbers, got '3'; did you mean 'seeds'?");
}
