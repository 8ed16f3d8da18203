using System;

namespace FairMtl.Objectives.Weighting;

/// <summary>A weighting expression that does not parse, or that names something unknown.</summary>
public sealed class WeightingSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for the user.</param>
    /// <param name="position">0-based character index of the mistake in the expression text.</param>
    public WeightingSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based character index of the mistake in the expression text.</summary>
    public int Position { get; }
}
