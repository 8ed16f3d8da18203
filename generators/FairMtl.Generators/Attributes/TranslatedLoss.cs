using FairMtl.Generators.Model;

namespace FairMtl.Generators.Attributes;

/// <summary>
/// The C# <c>Loss</c> method as weighting-language text (<c>alpha * y + (5 - alpha) * z</c>), with the origin of each
/// piece of the text, or the diagnostics that explain why it cannot be translated.
/// </summary>
internal sealed class TranslatedLoss
{
    public TranslatedLoss(
        string text,
        IReadOnlyList<LossSegment> segments,
        IReadOnlyList<DiagnosticInfo> diagnostics,
        DiagnosticLocation declaration,
        DiagnosticLocation expression)
    {
        Text = text;
        Segments = segments;
        Diagnostics = diagnostics;
        Declaration = declaration;
        Expression = expression;
    }

    public string Text { get; }

    public IReadOnlyList<LossSegment> Segments { get; }

    public IReadOnlyList<DiagnosticInfo> Diagnostics { get; }

    /// <summary>The method's name (or the class's, when there is no method).</summary>
    public DiagnosticLocation Declaration { get; }

    /// <summary>The whole expression.</summary>
    public DiagnosticLocation Expression { get; }

    public bool Succeeded => Diagnostics.Count == 0;

    public static TranslatedLoss Failed(DiagnosticInfo diagnostic, DiagnosticLocation declaration) =>
        new(string.Empty, Array.Empty<LossSegment>(), new[] { diagnostic }, declaration, declaration);

    /// <summary>
    /// The syntax behind character <paramref name="position"/> of the text, for an error of the expression validator:
    /// the smallest piece starting there that the message quotes (an unknown name, a function), else the whole expression.
    /// </summary>
    public DiagnosticLocation Locate(int position, string message)
    {
        LossSegment? best = null;
        foreach (var segment in Segments)
        {
            if (segment.Start == position
                && segment.Name is not null
                && message.IndexOf("'" + segment.Name + "'", StringComparison.Ordinal) >= 0
                && (best is null || segment.Length < best.Length))
            {
                best = segment;
            }
        }

        return best?.Location ?? Expression;
    }
}
