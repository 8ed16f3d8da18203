using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace FairMtl.Tests.Reports.Rendering;

/// <summary>
/// A decoded PNG as Chromium writes screenshots: 8-bit RGB or RGBA, not interlaced (anything else is rejected with a
/// <see cref="NotSupportedException"/>). Pixels are held as RGBA; an RGB image reads as opaque. Chunk CRCs are not
/// checked.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Reads and decodes a PNG file.</summary>
    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Decodes a PNG held in memory.</summary>
    /// <exception cref="InvalidDataException">Not a well-formed PNG.</exception>
    /// <exception cref="NotSupportedException">A PNG this decoder does not handle (bit depth, colour type,
    /// interlacing).</exception>
    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw new InvalidDataException("not a PNG: the 8-byte PNG signature is missing");

        int width = 0, height = 0, channels = 0;
        var sawHeader = false;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        while (true)
        {
            if (offset + 8 > png.Length)
                throw new InvalidDataException("truncated PNG: no IEND chunk");
            var length = BinaryPrimitives.ReadInt32BigEndian(png[offset..]);
            var type = Encoding.ASCII.GetString(png.Slice(offset + 4, 4));
            if (length < 0 || offset + 12L + length > png.Length)
                throw new InvalidDataException($"truncated PNG: chunk '{type}' at byte {offset} runs past the end");
            var data = png.Slice(offset + 8, length);
            offset += 12 + length; // length, type, data, CRC

            switch (type)
            {
                case "IHDR":
                    (width, height, channels) = ReadHeader(data);
                    sawHeader = true;
                    break;
                case "IDAT":
                    if (!sawHeader)
                        throw new InvalidDataException("malformed PNG: IDAT before IHDR");
                    idat.Write(data);
                    break;
                case "PLTE":
                    throw new NotSupportedException("palette PNGs are not supported (expected 8-bit RGB or RGBA)");
                case "IEND":
                    if (!sawHeader)
                        throw new InvalidDataException("malformed PNG: no IHDR chunk");
                    return new PngImage(width, height, Unfilter(Inflate(idat), width, height, channels));
            }
        }
    }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/> (0, 0 is top left).</summary>
    public Rgba GetPixel(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), string.Create(CultureInfo.InvariantCulture,
                $"pixel ({x}, {y}) is outside the {Width} x {Height} image"));
        var i = ((y * Width) + x) * 4;
        return new Rgba(_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
    }

    /// <summary>How many pixels differ from <paramref name="color"/> by more than <paramref name="tolerance"/> in at
    /// least one channel.</summary>
    public int CountPixelsDifferentFrom(Rgba color, int tolerance = 0)
    {
        var count = 0;
        for (var i = 0; i < _rgba.Length; i += 4)
        {
            if (Math.Abs(_rgba[i] - color.R) > tolerance || Math.Abs(_rgba[i + 1] - color.G) > tolerance
                || Math.Abs(_rgba[i + 2] - color.B) > tolerance || Math.Abs(_rgba[i + 3] - color.A) > tolerance)
                count++;
        }
        return count;
    }

    /// <summary>The distinct colours of the image in row-major order of first appearance, stopping once
    /// <paramref name="max"/> have been found (so a photograph costs no more than a chart).</summary>
    public IReadOnlyList<Rgba> DistinctColors(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var seen = new HashSet<uint>();
        var colors = new List<Rgba>();
        for (var i = 0; i < _rgba.Length && colors.Count < max; i += 4)
        {
            var color = new Rgba(_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
            if (seen.Add(color.Packed))
                colors.Add(color);
        }
        return colors;
    }

    /// <summary>
    /// Why the image looks blank, or <see langword="null"/> when it has content: at least
    /// <paramref name="minNonWhitePixels"/> pixels that are not white (beyond anti-aliasing, a tolerance of 8 per
    /// channel) and at least <paramref name="minDistinctColors"/> distinct colours. A blank white page fails both.
    /// </summary>
    public string? BlankReason(int minNonWhitePixels = 2000, int minDistinctColors = 4)
    {
        var nonWhite = CountPixelsDifferentFrom(Rgba.White, tolerance: 8);
        var colors = DistinctColors(minDistinctColors).Count;
        if (nonWhite >= minNonWhitePixels && colors >= minDistinctColors)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"the {Width} x {Height} image looks blank: {nonWhite} non-white pixels (need {minNonWhitePixels}), "
            + $"{colors} distinct colours (need {minDistinctColors})");
    }

    private static (int Width, int Height, int Channels) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
            throw new InvalidDataException("malformed PNG: IHDR is not 13 bytes");
        var width = BinaryPrimitives.ReadInt32BigEndian(data);
        var height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        int bitDepth = data[8], colorType = data[9], compression = data[10], filter = data[11], interlace = data[12];
        if (width <= 0 || height <= 0)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"malformed PNG: size {width} x {height}"));
        if (compression != 0 || filter != 0)
            throw new InvalidDataException("malformed PNG: unknown compression or filter method");
        if (bitDepth != 8)
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"PNG bit depth {bitDepth} is not supported (expected 8-bit RGB or RGBA)"));
        if (interlace != 0)
            throw new NotSupportedException("interlaced (Adam7) PNGs are not supported");
        var channels = colorType switch
        {
            2 => 3,
            6 => 4,
            _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"PNG colour type {colorType} is not supported (expected 2, RGB, or 6, RGBA)")),
        };
        if ((long)width * height * 4 > Array.MaxLength)
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"PNG of {width} x {height} is too large"));
        return (width, height, channels);
    }

    private static byte[] Inflate(MemoryStream idat)
    {
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    /// <summary>Undoes the per-row filters (None, Sub, Up, Average, Paeth) and widens RGB to RGBA.</summary>
    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        if (raw.Length < (long)(stride + 1) * height)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"malformed PNG: {raw.Length} bytes of image data, expected {(long)(stride + 1) * height}"));

        var previous = new byte[stride]; // the row above the first row is zeros
        var current = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * (stride + 1);
            var filter = raw[rowStart];
            var line = raw.AsSpan(rowStart + 1, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) >> 1,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"malformed PNG: filter type {filter} on row {y}")),
                };
                current[i] = (byte)(line[i] + predictor);
            }

            var target = y * width * 4;
            for (var x = 0; x < width; x++)
            {
                var source = x * channels;
                rgba[target++] = current[source];
                rgba[target++] = current[source + 1];
                rgba[target++] = current[source + 2];
                rgba[target++] = channels == 4 ? current[source + 3] : (byte)255;
            }
            (previous, current) = (current, previous);
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

/// <summary>An 8-bit RGBA colour; <see cref="Packed"/> is <c>0xRRGGBBAA</c>, <see cref="ToString"/> is
/// <c>#rrggbbaa</c>.</summary>
internal readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque white, the background of an unstyled page.</summary>
    public static readonly Rgba White = new(255, 255, 255);

    /// <summary>The colour as <c>0xRRGGBBAA</c>.</summary>
    public uint Packed => ((uint)R << 24) | ((uint)G << 16) | ((uint)B << 8) | A;

    /// <summary>Parses <c>#rrggbb</c> or <c>#rrggbbaa</c> (the leading <c>#</c> is optional).</summary>
    public static Rgba Parse(string hex)
    {
        var digits = hex.StartsWith('#') ? hex[1..] : hex;
        if ((digits.Length != 6 && digits.Length != 8)
            || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"'{hex}' is not a colour of the form #rrggbb or #rrggbbaa");
        if (digits.Length == 6)
            value = (value << 8) | 0xFF;
        return new Rgba((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Packed:x8}");
}
