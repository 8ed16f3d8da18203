using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>Names, arities and values of the expression language's functions.</summary>
internal static class WeightingFunctions
{
    /// <summary>The functions a user may call, for error messages.</summary>
    public const string UserFunctionList = "abs, exp, log, max, min, sqrt";

    /// <summary>The function a user may call by <paramref name="name"/>; false for unknown names and <c>sign</c>.</summary>
    public static bool TryParse(string name, out WeightingFunction function)
    {
        switch (name)
        {
            case "abs": function = WeightingFunction.Abs; return true;
            case "exp": function = WeightingFunction.Exp; return true;
            case "log": function = WeightingFunction.Log; return true;
            case "max": function = WeightingFunction.Max; return true;
            case "min": function = WeightingFunction.Min; return true;
            case "sqrt": function = WeightingFunction.Sqrt; return true;
            default: function = WeightingFunction.Abs; return false;
        }
    }

    public static string NameOf(WeightingFunction function) => function switch
    {
        WeightingFunction.Abs => "abs",
        WeightingFunction.Exp => "exp",
        WeightingFunction.Log => "log",
        WeightingFunction.Max => "max",
        WeightingFunction.Min => "min",
        WeightingFunction.Sqrt => "sqrt",
        WeightingFunction.Sign => "sign",
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    public static int Arity(WeightingFunction function) =>
        function == WeightingFunction.Max || function == WeightingFunction.Min ? 2 : 1;

    /// <summary>
    /// The function's value with the same floating-point operations the compiled program and the generated C# use,
    /// so that constant folding never changes a result.
    /// </summary>
    public static double Apply(WeightingFunction function, double a, double b) => function switch
    {
        WeightingFunction.Abs => Math.Abs(a),
        WeightingFunction.Exp => Math.Exp(a),
        WeightingFunction.Log => Math.Log(a),
        WeightingFunction.Max => Math.Max(a, b),
        WeightingFunction.Min => Math.Min(a, b),
        WeightingFunction.Sqrt => Math.Sqrt(a),
        WeightingFunction.Sign => Sign(a),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>Sign without <see cref="Math.Sign(double)"/>, which throws on NaN.</summary>
    public static double Sign(double value) => value > 0d ? 1d : value < 0d ? -1d : 0d;
}
