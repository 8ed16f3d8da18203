using System.Collections.Generic;
using System.Globalization;

namespace FairMtl.Objectives.Weighting;

/// <summary>Splits expression text into tokens.</summary>
internal static class WeightingLexer
{
    public static List<WeightingToken> Tokenize(string text)
    {
        var tokens = new List<WeightingToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsDigit(c) || (c == '.' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                tokens.Add(ScanNumber(text, ref i));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new WeightingToken(WeightingTokenKind.Identifier, start, text.Substring(start, i - start)));
                continue;
            }

            var kind = c switch
            {
                '+' => WeightingTokenKind.Plus,
                '-' => WeightingTokenKind.Minus,
                '*' => WeightingTokenKind.Star,
                '/' => WeightingTokenKind.Slash,
                '(' => WeightingTokenKind.OpenParen,
                ')' => WeightingTokenKind.CloseParen,
                ',' => WeightingTokenKind.Comma,
                _ => throw new WeightingSyntaxException(
                    $"unexpected character '{c}' at column {i + 1}", i),
            };
            tokens.Add(new WeightingToken(kind, i, c.ToString()));
            i++;
        }

        tokens.Add(new WeightingToken(WeightingTokenKind.End, text.Length, string.Empty));
        return tokens;
    }

    public static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static WeightingToken ScanNumber(string text, ref int i)
    {
        var start = i;
        SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionStart = i;
            SkipDigits(text, ref i);
            if (i == fractionStart)
            {
                throw Malformed(text, start, i);
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var exponentStart = i;
            SkipDigits(text, ref i);
            if (i == exponentStart)
            {
                throw Malformed(text, start, i);
            }
        }

        // "2alpha" or "1.2.3" would otherwise lex as two tokens and fail with a less helpful message.
        if (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.'))
        {
            throw Malformed(text, start, i);
        }

        var literal = text.Substring(start, i - start);
        if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || double.IsInfinity(value))
        {
            throw new WeightingSyntaxException($"number '{literal}' at column {start + 1} is out of range", start);
        }

        return new WeightingToken(WeightingTokenKind.Number, start, literal, value);
    }

    private static void SkipDigits(string text, ref int i)
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }
    }

    private static WeightingSyntaxException Malformed(string text, int start, int i)
    {
        while (i < text.Length && (IsIdentifierPart(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return new WeightingSyntaxException(
            $"malformed number '{text.Substring(start, i - start)}' at column {start + 1}", start);
    }
}
