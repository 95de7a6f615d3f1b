using System.Globalization;

namespace LookoutSim.Output;

/// <summary>
/// Checks on input files made before they are read: their size, whether they hold text, and how
/// messages name them. A file of NULs, a device such as <c>/dev/zero</c> or a file larger than the
/// caller's limit is refused after one buffer or at the limit, never read to its end.
/// </summary>
public static class InputFiles
{
    /// <summary>A file as messages show it: relative to the working folder when inside it, else as given.</summary>
    public static string ShownName(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>The size of a file in bytes; 0 when it cannot be read (the reader reports that).</summary>
    public static long Size(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes of <paramref name="path"/> and returns what
    /// makes it unusable as a text file — it cannot be opened, a NUL byte (binary data), or more
    /// than <paramref name="maxBytes"/> bytes — or null when it is fine.
    /// </summary>
    public static string? TextProblem(string path, long maxBytes)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {ex.Message}";
        }

        using var owned = stream;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (buffer.AsSpan(0, read).Contains((byte)0))
            {
                return "binary data (a NUL byte): this is not a text CSV file";
            }

            total += read;
            if (total > maxBytes)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"larger than {maxBytes:#,0} bytes, the most this command reads (or not a regular file): refused before it fills memory");
            }
        }

        return null;
    }
}
