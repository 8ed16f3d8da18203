namespace FairMtl.Diagnostics;

/// <summary>
/// Stable codes of every user-facing error. The source generator reports the same codes as compiler diagnostics.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The experiment file is not valid YAML.</summary>
    public const string YamlSyntax = "FMTL001";

    /// <summary>A key the experiment schema does not know (the message suggests the nearest valid one).</summary>
    public const string UnknownKey = "FMTL002";

    /// <summary>A value of the wrong type or outside its allowed set.</summary>
    public const string InvalidValue = "FMTL003";

    /// <summary>A column that the data file does not have.</summary>
    public const string UnknownColumn = "FMTL004";

    /// <summary>A loss expression with a syntax error or an unknown name.</summary>
    public const string LossExpression = "FMTL005";

    /// <summary>A sweep range or split that cannot be satisfied.</summary>
    public const string ImpossibleRange = "FMTL006";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "FMTL007";

    /// <summary>A reference between parts of the spec that does not resolve (e.g. an unknown head).</summary>
    public const string UnknownReference = "FMTL008";

    /// <summary>The data file is missing or cannot be read.</summary>
    public const string DataFile = "FMTL010";

    /// <summary>A used column holds a value that is not a number.</summary>
    public const string NonNumeric = "FMTL011";

    /// <summary>A used column has an empty field or a short row.</summary>
    public const string MissingValue = "FMTL012";

    /// <summary>A used column holds NaN or infinity.</summary>
    public const string NonFinite = "FMTL013";

    /// <summary>A protected group has no test rows, or a binary column holds other values than 0 and 1.</summary>
    public const string Groups = "FMTL014";

    /// <summary>The experiment file itself is missing or unreadable.</summary>
    public const string ExperimentFile = "FMTL015";

    /// <summary>A stored result folder or file (read by the <c>report</c> command) is missing or not as a run writes it.</summary>
    public const string ResultFile = "FMTL017";

    /// <summary>An input over one of the bounds that keep its cost in time and memory small (file size, YAML nesting
    /// and aliases, sweep size, models to train, data line length and columns; <c>Spec.InputLimits</c>).</summary>
    public const string InputLimit = "FMTL018";

    /// <summary>The results folder (<c>--out</c>, default <c>results/&lt;experiment&gt;</c>) cannot be made or written: checked
    /// before training, and reported so again if writing the files fails at the end.</summary>
    public const string ResultFolder = "FMTL019";
}
