using System;
using System.Collections.Generic;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// An expression flattened to a postfix stack-machine program, so that evaluating it walks an array instead of a
/// tree and allocates nothing. <c>max</c>/<c>min</c> are single instructions; conditionals are jumps.
/// </summary>
internal sealed class WeightingProgram
{
    private readonly Instruction[] _code;

    private WeightingProgram(Instruction[] code, int stackSize)
    {
        _code = code;
        StackSize = stackSize;
    }

    private enum OpCode
    {
        Constant,
        Loss,
        Variable,
        Negate,
        Add,
        Subtract,
        Multiply,
        Divide,
        Abs,
        Exp,
        Log,
        Sqrt,
        Sign,
        Max,
        Min,
        JumpUnlessGreaterOrEqual,
        Jump,
    }

    /// <summary>Stack slots the program needs.</summary>
    public int StackSize { get; }

    /// <summary>Flattens <paramref name="root"/>; every name must be in one of the two index maps.</summary>
    public static WeightingProgram Emit(WeightingNode root, IDictionary<string, int> losses, IDictionary<string, int> variables)
    {
        var emitter = new Emitter(losses, variables);
        emitter.Emit(root);
        return new WeightingProgram(emitter.Code.ToArray(), Math.Max(emitter.MaxDepth, 1));
    }

    /// <summary>Runs the program; <paramref name="stack"/> must have at least <see cref="StackSize"/> slots.</summary>
    public double Run(double[] stack, double[] losses, double[] variables)
    {
        var code = _code;
        var sp = 0;
        var pc = 0;
        while (pc < code.Length)
        {
            ref readonly var instruction = ref code[pc++];
            switch (instruction.OpCode)
            {
                case OpCode.Constant:
                    stack[sp++] = instruction.Value;
                    break;
                case OpCode.Loss:
                    stack[sp++] = losses[instruction.Operand];
                    break;
                case OpCode.Variable:
                    stack[sp++] = variables[instruction.Operand];
                    break;
                case OpCode.Negate:
                    stack[sp - 1] = -stack[sp - 1];
                    break;
                case OpCode.Add:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] + stack[sp];
                    break;
                case OpCode.Subtract:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] - stack[sp];
                    break;
                case OpCode.Multiply:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] * stack[sp];
                    break;
                case OpCode.Divide:
                    sp--;
                    stack[sp - 1] = stack[sp - 1] / stack[sp];
                    break;
                case OpCode.Abs:
                    stack[sp - 1] = Math.Abs(stack[sp - 1]);
                    break;
                case OpCode.Exp:
                    stack[sp - 1] = Math.Exp(stack[sp - 1]);
                    break;
                case OpCode.Log:
                    stack[sp - 1] = Math.Log(stack[sp - 1]);
                    break;
                case OpCode.Sqrt:
                    stack[sp - 1] = Math.Sqrt(stack[sp - 1]);
                    break;
                case OpCode.Sign:
                    stack[sp - 1] = WeightingFunctions.Sign(stack[sp - 1]);
                    break;
                case OpCode.Max:
                    sp--;
                    stack[sp - 1] = Math.Max(stack[sp - 1], stack[sp]);
                    break;
                case OpCode.Min:
                    sp--;
                    stack[sp - 1] = Math.Min(stack[sp - 1], stack[sp]);
                    break;
                case OpCode.JumpUnlessGreaterOrEqual:
                    sp -= 2;
                    if (!(stack[sp] >= stack[sp + 1]))
                    {
                        pc = instruction.Operand;
                    }

                    break;
                default:
                    pc = instruction.Operand;
                    break;
            }
        }

        return stack[0];
    }

    private readonly struct Instruction
    {
        public Instruction(OpCode opCode, int operand = 0, double value = 0d)
        {
            OpCode = opCode;
            Operand = operand;
            Value = value;
        }

        public OpCode OpCode { get; }

        public int Operand { get; }

        public double Value { get; }
    }

    private sealed class Emitter
    {
        private readonly IDictionary<string, int> _losses;
        private readonly IDictionary<string, int> _variables;
        private int _depth;

        public Emitter(IDictionary<string, int> losses, IDictionary<string, int> variables)
        {
            _losses = losses;
            _variables = variables;
        }

        public List<Instruction> Code { get; } = new();

        public int MaxDepth { get; private set; }

        public void Emit(WeightingNode node)
        {
            switch (node)
            {
                case WeightingNumber number:
                    Push(new Instruction(OpCode.Constant, value: number.Value));
                    break;

                case WeightingName name:
                    Push(_losses.TryGetValue(name.Name, out var loss)
                        ? new Instruction(OpCode.Loss, loss)
                        : new Instruction(OpCode.Variable, _variables[name.Name]));
                    break;

                case WeightingNegation negation:
                    Emit(negation.Operand);
                    Code.Add(new Instruction(OpCode.Negate));
                    break;

                case WeightingBinary binary:
                    Emit(binary.Left);
                    Emit(binary.Right);
                    Pop(Operator(binary.Operator), 1);
                    break;

                case WeightingCall call:
                    foreach (var argument in call.Arguments)
                    {
                        Emit(argument);
                    }

                    Pop(Function(call.Function), call.Arguments.Count - 1);
                    break;

                case WeightingConditional conditional:
                    EmitConditional(conditional);
                    break;

                default:
                    throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node));
            }
        }

        private void EmitConditional(WeightingConditional conditional)
        {
            Emit(conditional.Left);
            Emit(conditional.Right);
            var branch = Code.Count;
            Pop(OpCode.JumpUnlessGreaterOrEqual, 2);
            Emit(conditional.WhenTrue);
            var exit = Code.Count;
            Code.Add(new Instruction(OpCode.Jump));

            // Only one branch runs: the false branch starts from the depth the true branch started from.
            _depth--;
            Code[branch] = new Instruction(OpCode.JumpUnlessGreaterOrEqual, Code.Count);
            Emit(conditional.WhenFalse);
            Code[exit] = new Instruction(OpCode.Jump, Code.Count);
        }

        private void Push(Instruction instruction)
        {
            Code.Add(instruction);
            _depth++;
            MaxDepth = Math.Max(MaxDepth, _depth);
        }

        private void Pop(OpCode opCode, int popped)
        {
            Code.Add(new Instruction(opCode));
            _depth -= popped;
        }

        private static OpCode Operator(WeightingOperator op) => op switch
        {
            WeightingOperator.Add => OpCode.Add,
            WeightingOperator.Subtract => OpCode.Subtract,
            WeightingOperator.Multiply => OpCode.Multiply,
            _ => OpCode.Divide,
        };

        private static OpCode Function(WeightingFunction function) => function switch
        {
            WeightingFunction.Abs => OpCode.Abs,
            WeightingFunction.Exp => OpCode.Exp,
            WeightingFunction.Log => OpCode.Log,
            WeightingFunction.Sqrt => OpCode.Sqrt,
            WeightingFunction.Sign => OpCode.Sign,
            WeightingFunction.Max => OpCode.Max,
            _ => OpCode.Min,
        };
    }
}
