using System.Text;

namespace FairMtl.Generators.Emit;

/// <summary>
/// Builds generated source line by line with four-space indentation and '\n' line ends. Callers format numbers with
/// <see cref="Literals"/> (invariant culture), never through interpolation.
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    /// <summary>Characters of indentation at the current depth.</summary>
    public int IndentWidth => _depth * 4;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public IndentedWriter Open(string header)
    {
        Line(header).Line("{");
        _depth++;
        return this;
    }

    /// <summary>Outdents and writes the closing brace (with an optional suffix such as <c>;</c>).</summary>
    public IndentedWriter Close(string suffix = "")
    {
        _depth--;
        return Line("}" + suffix);
    }

    public IndentedWriter Indent()
    {
        _depth++;
        return this;
    }

    public IndentedWriter Outdent()
    {
        _depth--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
