using FairMtl.Diagnostics;
using static FairMtl.Tests.Yaml.YamlTestFiles;

namespace FairMtl.Tests.Yaml;

public class LossExpressionTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        { "loss: alpha * y + (5 - alpha) * zz", 9, 33, "unknown name 'zz' in loss expression; did you mean 'z'? Loss names: y, z; sweep variables: alpha" },
        { "loss: y + * z", 9, 11, "unexpected '*' at column 5; expected a number, a name or '('" },
        { "loss:   (y + z", 9, 15, "unexpected end of expression; expected ')'" },
        { "loss: alpha * 2", 9, 7, "the loss expression references no loss; use at least one of: y, z" },
        { "loss: \"y + * z\"", 9, 7, "unexpected '*' at column 5; expected a number, a name or '('" },
        { "loss: >-\n  alpha * y +\n  (5 - alpha) * zz", 9, 7, "unknown name 'zz' in loss expression; did you mean 'z'? Loss names: y, z; sweep variables: alpha" },
        { "loss: y +\n  * z", 9, 7, "unexpected '*' at column 5; expected a number, a name or '('" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_loss_expression_is_FMTL005_at_the_mistake_when_the_scalar_allows_it(string lossLine, int line, int column, string detail) =>
        Error(TwoHeads.WithLine("loss:", lossLine)).ShouldBeAt(DiagnosticCodes.LossExpression, line, column, detail);

    [Fact]
    public void A_multi_line_loss_is_read_as_one_expression() =>
        Parse(TwoHeads.WithLine("loss:", "loss: >-\n  alpha * y +\n  (5 - alpha) * z")).Spec.Loss.ShouldBe("alpha * y + (5 - alpha) * z");
}
