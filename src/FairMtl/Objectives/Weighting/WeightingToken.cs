namespace FairMtl.Objectives.Weighting;

/// <summary>Kinds of lexical tokens.</summary>
internal enum WeightingTokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>A token: its kind, where it starts, its text and, for numbers, its value.</summary>
internal readonly struct WeightingToken
{
    public WeightingToken(WeightingTokenKind kind, int position, string text, double number = 0d)
    {
        Kind = kind;
        Position = position;
        Text = text;
        Number = number;
    }

    public WeightingTokenKind Kind { get; }

    public int Position { get; }

    public string Text { get; }

    public double Number { get; }

    /// <summary>The token quoted for an error message.</summary>
    public string Describe() => Kind == WeightingTokenKind.End ? "end of expression" : "'" + Text + "'";
}
