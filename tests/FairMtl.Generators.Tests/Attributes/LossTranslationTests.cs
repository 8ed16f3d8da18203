using System.Reflection;
using FairMtl.Objectives.Weighting;
using Microsoft.CodeAnalysis.CSharp;

namespace FairMtl.Generators.Tests.Attributes;

/// <summary>The C# <c>Loss</c> expression becomes weighting-language text with the same value.</summary>
public sealed class LossTranslationTests
{
    private static readonly double[][] Points = [[0.3, 1.7, 2.9], [4.2, 0.01, 13.0], [0.0, 2.5, 0.125]];

    public static TheoryData<string, string> Cases => new()
    {
        { "=> alpha * y + (5 - alpha) * z;", "alpha * y + (5 - alpha) * z" },
        { "=> -alpha * y + +z - - z;", "-alpha * y + z - -z" },
        { "=> -(alpha - 1) * y - z / 2;", "-(alpha - 1) * y - z / 2" },
        { "=> ((y)) + (z * alpha);", "((y)) + (z * alpha)" },
        { "=> 5d * y + 2.50 * z + 3D * alpha;", "5 * y + 2.50 * z + 3 * alpha" },
        { "=> 1e-3 * y + 1E+2 * z + .5 * alpha;", "1e-3 * y + 1E+2 * z + .5 * alpha" },
        { "=> 1_000 * y + 0x10 * z + 2L * alpha + 7u;", "1000 * y + 16 * z + 2 * alpha + 7" },
        { "=> Math.Max(y, z) + Math.Min(alpha, 1);", "max(y, z) + min(alpha, 1)" },
        { "=> System.Math.Abs(y - z) + global::System.Math.Sqrt(z);", "abs(y - z) + sqrt(z)" },
        { "=> Math.Exp(-alpha) * y + Math.Log(1 + alpha) * z;", "exp(-alpha) * y + log(1 + alpha) * z" },
        { "=> @alpha * y + z;", "alpha * y + z" },
        { "{ return alpha * y + z / 4; }", "alpha * y + z / 4" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_expression_translates_to_the_expected_weighting_text(string body, string expected)
    {
        var model = AttributeHarness.Read(Declaration(body));

        model.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        model.Spec.ShouldNotBeNull().Loss.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_weighting_computes_what_the_csharp_method_computes(string body, string expected)
    {
        var source = Declaration(body);
        AttributeHarness.CompilerErrors(source).ShouldBeEmpty();
        var loss = Compile(source).GetType("Translation.Declared")!.GetMethod("Loss", BindingFlags.Static | BindingFlags.NonPublic)!;
        var weighting = WeightingExpression.Parse(expected).Compile(["y", "z"], ["alpha"]);

        foreach (var point in Points)
        {
            var csharp = (double)loss.Invoke(null, [point[0], point[1], point[2]])!;
            var translated = weighting.Evaluate([point[1], point[2]], [point[0]]);
            BitConverter.DoubleToInt64Bits(translated).ShouldBe(BitConverter.DoubleToInt64Bits(csharp), $"{expected} at ({string.Join(", ", point)})");
        }
    }

    private static string Declaration(string body) => $$"""
        using System;
        using FairMtl.Declarations;

        namespace Translation;

        [Experiment("translation")]
        [Dataset("data.csv")]
        [Groups("g")]
        [Head("y", "t")]
        [Head("z", "u")]
        [Sweep("alpha", From = 0, To = 1, Count = 2)]
        [Training(Epochs = 1)]
        partial class Declared
        {
            static double Loss(double alpha, double y, double z) {{body}}
        }
        """;

    private static Assembly Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Translation" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions)],
            AttributeHarness.References,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        return GeneratorHarness.Load(compilation);
    }
}
