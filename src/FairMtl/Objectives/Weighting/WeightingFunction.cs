namespace FairMtl.Objectives.Weighting;

/// <summary>Functions of the expression language.</summary>
public enum WeightingFunction
{
    /// <summary><c>abs(x)</c>.</summary>
    Abs,

    /// <summary><c>exp(x)</c>.</summary>
    Exp,

    /// <summary><c>log(x)</c>, the natural logarithm.</summary>
    Log,

    /// <summary><c>max(a, b)</c>.</summary>
    Max,

    /// <summary><c>min(a, b)</c>.</summary>
    Min,

    /// <summary><c>sqrt(x)</c>.</summary>
    Sqrt,

    /// <summary>-1, 0 or 1 (0 for 0 and NaN). Only produced by differentiating <c>abs</c>; not accepted by the parser.</summary>
    Sign,
}
