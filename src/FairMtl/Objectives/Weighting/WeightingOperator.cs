namespace FairMtl.Objectives.Weighting;

/// <summary>Binary arithmetic operators.</summary>
public enum WeightingOperator
{
    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a - b</c>.</summary>
    Subtract,

    /// <summary><c>a * b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>.</summary>
    Divide,
}
