using System;
using System.Collections.Generic;

namespace FairMtl.Objectives.Weighting;

/// <summary>A function call.</summary>
public sealed class WeightingCall : WeightingNode
{
    private readonly WeightingNode[] _arguments;

    /// <summary>Creates <c>function(arguments)</c>; <paramref name="position"/> is the function name's index.</summary>
    public WeightingCall(WeightingFunction function, IReadOnlyList<WeightingNode> arguments, int position = -1)
        : this(function, Copy(arguments), position)
    {
    }

    private WeightingCall(WeightingFunction function, WeightingNode[] arguments, int position)
        : base(position, MaxDepth(arguments) + 1)
    {
        if (arguments.Length != WeightingFunctions.Arity(function))
        {
            throw new ArgumentException(
                $"{WeightingFunctions.NameOf(function)} takes {WeightingFunctions.Arity(function)} argument(s)",
                nameof(arguments));
        }

        Function = function;
        _arguments = arguments;
    }

    /// <summary>The called function.</summary>
    public WeightingFunction Function { get; }

    /// <summary>The arguments, as many as the function's arity.</summary>
    public IReadOnlyList<WeightingNode> Arguments => _arguments;

    internal override bool IsSameAs(WeightingNode other)
    {
        if (other is not WeightingCall call || call.Function != Function)
        {
            return false;
        }

        for (var i = 0; i < _arguments.Length; i++)
        {
            if (!call._arguments[i].IsSameAs(_arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static WeightingNode[] Copy(IReadOnlyList<WeightingNode> arguments)
    {
        if (arguments is null)
        {
            throw new ArgumentNullException(nameof(arguments));
        }

        var copy = new WeightingNode[arguments.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = arguments[i] ?? throw new ArgumentNullException(nameof(arguments));
        }

        return copy;
    }

    private static int MaxDepth(WeightingNode[] arguments)
    {
        var depth = 0;
        foreach (var argument in arguments)
        {
            depth = Math.Max(depth, argument.Depth);
        }

        return depth;
    }
}
