using System.Collections.Generic;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// Recursive-descent parser: <c>sum := product (('+'|'-') product)*</c>, <c>product := unary (('*'|'/') unary)*</c>,
/// <c>unary := '-' unary | primary</c>, <c>primary := number | name | function '(' args ')' | '(' sum ')'</c>.
/// </summary>
internal sealed class WeightingParser
{
    /// <summary>Deepest nesting accepted; keeps every later recursive walk far from a stack overflow.</summary>
    public const int MaxDepth = 200;

    private readonly List<WeightingToken> _tokens;
    private int _index;
    private int _nesting;

    private WeightingParser(List<WeightingToken> tokens) => _tokens = tokens;

    private WeightingToken Current => _tokens[_index];

    public static WeightingNode Parse(string text)
    {
        var parser = new WeightingParser(WeightingLexer.Tokenize(text));
        if (parser.Current.Kind == WeightingTokenKind.End)
        {
            throw new WeightingSyntaxException("the expression is empty", 0);
        }

        var root = parser.ParseSum();
        var trailing = parser.Current;
        if (trailing.Kind != WeightingTokenKind.End)
        {
            var hint = trailing.Kind == WeightingTokenKind.CloseParen ? "it has no matching '('" : "expected an operator";
            throw new WeightingSyntaxException(
                $"unexpected {trailing.Describe()} at column {trailing.Position + 1}; {hint}", trailing.Position);
        }

        return root;
    }

    private WeightingNode ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind == WeightingTokenKind.Plus || Current.Kind == WeightingTokenKind.Minus)
        {
            var op = Next();
            var right = ParseProduct();
            left = Limit(new WeightingBinary(
                op.Kind == WeightingTokenKind.Plus ? WeightingOperator.Add : WeightingOperator.Subtract, left, right, op.Position));
        }

        return left;
    }

    private WeightingNode ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Kind == WeightingTokenKind.Star || Current.Kind == WeightingTokenKind.Slash)
        {
            var op = Next();
            var right = ParseUnary();
            left = Limit(new WeightingBinary(
                op.Kind == WeightingTokenKind.Star ? WeightingOperator.Multiply : WeightingOperator.Divide, left, right, op.Position));
        }

        return left;
    }

    private WeightingNode ParseUnary()
    {
        if (++_nesting > MaxDepth)
        {
            throw TooDeep(Current.Position);
        }

        WeightingNode node;
        if (Current.Kind == WeightingTokenKind.Minus)
        {
            var minus = Next();
            node = Limit(new WeightingNegation(ParseUnary(), minus.Position));
        }
        else
        {
            node = ParsePrimary();
        }

        _nesting--;
        return node;
    }

    private WeightingNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case WeightingTokenKind.Number:
                _index++;
                return new WeightingNumber(token.Number, token.Position);

            case WeightingTokenKind.Identifier:
                _index++;
                return Current.Kind == WeightingTokenKind.OpenParen ? ParseCall(token) : new WeightingName(token.Text, token.Position);

            case WeightingTokenKind.OpenParen:
                _index++;
                var inner = ParseSum();
                Expect(WeightingTokenKind.CloseParen, "')'");
                return inner;

            case WeightingTokenKind.End:
                throw new WeightingSyntaxException("unexpected end of expression", token.Position);

            default:
                throw new WeightingSyntaxException(
                    $"unexpected {token.Describe()} at column {token.Position + 1}; expected a number, a name or '('",
                    token.Position);
        }
    }

    private WeightingNode ParseCall(WeightingToken name)
    {
        if (!WeightingFunctions.TryParse(name.Text, out var function))
        {
            throw new WeightingSyntaxException(
                $"unknown function '{name.Text}'; functions: {WeightingFunctions.UserFunctionList}", name.Position);
        }

        _index++;
        var arguments = new List<WeightingNode>();
        if (Current.Kind != WeightingTokenKind.CloseParen)
        {
            arguments.Add(ParseSum());
            while (Current.Kind == WeightingTokenKind.Comma)
            {
                _index++;
                arguments.Add(ParseSum());
            }

            Expect(WeightingTokenKind.CloseParen, "',' or ')'");
        }
        else
        {
            _index++;
        }

        var arity = WeightingFunctions.Arity(function);
        if (arguments.Count != arity)
        {
            throw new WeightingSyntaxException(
                $"function '{name.Text}' takes {arity} argument{(arity == 1 ? string.Empty : "s")}, got {arguments.Count}",
                name.Position);
        }

        return Limit(new WeightingCall(function, arguments, name.Position));
    }

    private void Expect(WeightingTokenKind kind, string expected)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            _index++;
            return;
        }

        throw token.Kind == WeightingTokenKind.End
            ? new WeightingSyntaxException($"unexpected end of expression; expected {expected}", token.Position)
            : new WeightingSyntaxException($"expected {expected} at column {token.Position + 1}", token.Position);
    }

    private WeightingToken Next() => _tokens[_index++];

    private static WeightingNode Limit(WeightingNode node) =>
        node.Depth > MaxDepth ? throw TooDeep(node.Position) : node;

    private static WeightingSyntaxException TooDeep(int position) =>
        new($"the expression is nested too deeply (more than {MaxDepth} levels) at column {position + 1}", position);
}
