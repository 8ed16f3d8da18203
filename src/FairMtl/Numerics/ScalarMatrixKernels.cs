namespace FairMtl.Numerics;

/// <summary>
/// The plain scalar definition of every <see cref="MatrixKernels"/> product: each output element is a chain of fused
/// multiply-adds over the inner dimension in ascending order, starting from its current value. The SIMD kernels must
/// agree with these bit for bit (tested); they are the readable reference, not a fallback.
/// </summary>
internal static class ScalarMatrixKernels
{
    /// <summary>c[m x n] += a[m x k] * b[k x n].</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var acc = c[i * n + j];
                for (var p = 0; p < k; p++)
                {
                    acc = MathF.FusedMultiplyAdd(a[i * k + p], b[p * n + j], acc);
                }

                c[i * n + j] = acc;
            }
        }
    }

    /// <summary>c[k x n] += transpose(a[m x k]) * b[m x n].</summary>
    public static void TransposeAMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (var p = 0; p < k; p++)
        {
            for (var j = 0; j < n; j++)
            {
                var acc = c[p * n + j];
                for (var i = 0; i < m; i++)
                {
                    acc = MathF.FusedMultiplyAdd(a[i * k + p], b[i * n + j], acc);
                }

                c[p * n + j] = acc;
            }
        }
    }

    /// <summary>c[m x n] = a[m x k] * transpose(b[n x k]).</summary>
    public static void MultiplyTransposeB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var acc = 0f;
                for (var p = 0; p < k; p++)
                {
                    acc = MathF.FusedMultiplyAdd(a[i * k + p], b[j * k + p], acc);
                }

                c[i * n + j] = acc;
            }
        }
    }

    /// <summary>sums[n] += column sums of a[m x n], over the rows in order.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> a, Span<float> sums, int m, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var acc = sums[j];
            for (var i = 0; i < m; i++)
            {
                acc += a[i * n + j];
            }

            sums[j] = acc;
        }
    }
}
