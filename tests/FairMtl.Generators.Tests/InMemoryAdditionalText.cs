using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FairMtl.Generators.Tests;

/// <summary>An AdditionalFiles item held in memory; null text is a file the compiler cannot read.</summary>
internal sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) =>
        text is null ? null : SourceText.From(text);
}

/// <summary>An AdditionalFiles item whose reading throws, to drive the generator's last-resort error path.</summary>
internal sealed class ThrowingAdditionalText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("simulated failure inside the generator");
}

/// <summary>An AdditionalFiles item that counts how often the generator reads it.</summary>
internal sealed class CountingAdditionalText(AdditionalText inner) : AdditionalText
{
    private int _reads;

    public int Reads => _reads;

    public override string Path => inner.Path;

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetText(cancellationToken);
    }
}
