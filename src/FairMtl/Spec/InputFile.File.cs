using System.Text;

namespace FairMtl.Spec;

/// <summary>
/// Reading a file a user or a repository hands the program no further than a bound, whatever it is (a huge file, or an
/// endless one such as <c>/dev/zero</c>, which reports no length): the caller learns whether it was longer and refuses
/// it with its own located error. Runtime only (the source generator gets file contents from the compiler).
/// </summary>
public static class InputFile
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>The file's bytes, read no further than <paramref name="limit"/> + 1 bytes (all of them when
    /// <paramref name="longer"/> is false).</summary>
    public static byte[] ReadBytes(string path, int limit, out bool longer)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var chunks = new List<(byte[] Bytes, int Count)>();
        long total = 0;
        while (total <= limit)
        {
            var chunk = new byte[(int)Math.Min(ChunkBytes, limit + 1L - total)];
            var count = 0;
            int read;
            while (count < chunk.Length && (read = file.Read(chunk, count, chunk.Length - count)) > 0)
            {
                count += read;
            }

            if (count == 0)
            {
                break;
            }

            chunks.Add((chunk, count));
            total += count;
            if (count < chunk.Length)
            {
                break;
            }
        }

        longer = total > limit;
        var bytes = new byte[total];
        var offset = 0;
        foreach (var (chunk, count) in chunks)
        {
            Buffer.BlockCopy(chunk, 0, bytes, offset, count);
            offset += count;
        }

        return bytes;
    }

    /// <summary>The file's text, decoded as <see cref="File.ReadAllText(string)"/> decodes it (byte-order marks
    /// detected, else UTF-8), when it has at most <paramref name="limit"/> bytes; else the text of its first
    /// <paramref name="limit"/> + 1 bytes (for a message that points at where the bound is crossed).</summary>
    public static string ReadText(string path, int limit, out bool longer) => Decode(ReadBytes(path, limit, out longer));

    /// <summary>Text from bytes: byte-order marks detected, else UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
