using FairMtl.Diagnostics;
using Microsoft.CodeAnalysis;

namespace FairMtl.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Messages are built by the shared validation code (so the generator and
/// the runtime word them the same way) and passed as the single format argument.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FairMtl";
    private const string MessageFormat = "{0}";

    public static readonly DiagnosticDescriptor YamlSyntax = new(
        DiagnosticCodes.YamlSyntax,
        "Experiment file is not valid YAML",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The experiment file cannot be parsed as YAML (for example a '[' or quote left open, or a bad indent). Fix the syntax at the reported position; the file must hold one YAML mapping.");

    public static readonly DiagnosticDescriptor UnknownKey = new(
        DiagnosticCodes.UnknownKey,
        "Unknown key in experiment",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The experiment uses a key the schema does not define, usually a misspelling. Use the suggested key or one documented in docs/experiment-format.md.");

    public static readonly DiagnosticDescriptor InvalidValue = new(
        DiagnosticCodes.InvalidValue,
        "Invalid value in experiment",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A value has the wrong type or lies outside its allowed set. Give a value of the type and in the range the message names.");

    public static readonly DiagnosticDescriptor UnknownColumn = new(
        DiagnosticCodes.UnknownColumn,
        "Unknown data column",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The experiment names a column that the data file's header (or 'data.columns' for a file without header) does not have. Use one of the file's column names; the message suggests the nearest one.");

    public static readonly DiagnosticDescriptor LossExpression = new(
        DiagnosticCodes.LossExpression,
        "Invalid loss expression",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The loss expression has a syntax error, names something that is neither a head nor a sweep variable, or uses no head loss. Write arithmetic (+ - * /, parentheses, abs, exp, log, max, min, sqrt) over head names and sweep variables that uses at least one head.");

    public static readonly DiagnosticDescriptor ImpossibleRange = new(
        DiagnosticCodes.ImpossibleRange,
        "Impossible range or split",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A sweep range, seed list or data split cannot be satisfied (for example 'from' above 'to', a count below 1, or test and validation parts that leave no training rows). Give bounds that describe a non-empty range and a split that leaves training rows.");

    public static readonly DiagnosticDescriptor MissingKey = new(
        DiagnosticCodes.MissingKey,
        "Missing required key",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A key the experiment needs is absent. Add the key the message names, at the place it names.");

    public static readonly DiagnosticDescriptor UnknownReference = new(
        DiagnosticCodes.UnknownReference,
        "Unresolved reference in experiment",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A reference between parts of the experiment does not resolve (for example an unknown head in 'evaluation' or 'baseline'), or two options exclude each other. Refer to a declared name, or keep only one of the conflicting options.");

    public static readonly DiagnosticDescriptor DuplicateName = new(
        GeneratorDiagnosticCodes.DuplicateName,
        "Duplicate experiment name",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Two experiments of the compilation have the same name, or names that generate the same type. Give every experiment a unique name; until then only the first one by file path is generated.");

    public static readonly DiagnosticDescriptor ExperimentFile = new(
        DiagnosticCodes.ExperimentFile,
        "Experiment file cannot be read",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The compiler could not read the experiment file given as an AdditionalFiles item. Make sure the file exists and is readable.");

    public static readonly DiagnosticDescriptor InputLimit = new(
        DiagnosticCodes.InputLimit,
        "Experiment over an input limit",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The experiment file is larger, nested deeper, expands more YAML aliases or declares a larger sweep than the bounds that keep reading it cheap (docs/experiment-format.md, Limits). Shrink it at the reported position; the number of models a run may train is raised at run time with --max-models.");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        GeneratorDiagnosticCodes.UnsupportedConstruct,
        "Unsupported construct in experiment declaration",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An attribute argument or a C# Loss method uses something the experiment language cannot express. Use constant attribute arguments, and in Loss only + - * /, parentheses, unary minus, literals, parameter names and Math.Max, Min, Abs, Exp, Log and Sqrt.");

    public static readonly DiagnosticDescriptor InternalError = new(
        GeneratorDiagnosticCodes.InternalError,
        "Internal error in the FairMtl generator",
        MessageFormat,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator failed unexpectedly on this experiment; the other experiments are still generated. This is a bug in the generator: please report it with the message. Running the YAML file through the host, which reads it at run time, still works.");

    private static readonly DiagnosticDescriptor[] All =
    [
        YamlSyntax, UnknownKey, InvalidValue, UnknownColumn, LossExpression, ImpossibleRange, MissingKey, UnknownReference,
        DuplicateName, ExperimentFile, InputLimit, UnsupportedConstruct, InternalError,
    ];

    /// <summary>The descriptor of <paramref name="id"/>, or null for an id the generator does not report.</summary>
    public static DiagnosticDescriptor? Find(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }
}
