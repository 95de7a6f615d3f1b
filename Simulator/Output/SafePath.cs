using System.Globalization;
using System.Text;

namespace LookoutSim.Output;

/// <summary>
/// The one place where a name read from data (a point id in <c>shard.json</c> or <c>sweep.csv</c>,
/// a scenario name, a column of a results file) becomes part of a path. <see cref="Segment"/> and
/// <see cref="Name"/> check that a value is one harmless path segment; <see cref="Within"/> joins
/// it under a root and proves the result stays there, with no symbolic link on the way.
/// </summary>
/// <remarks>
/// <para>A segment is refused when it is empty or longer than <see cref="MaxLength"/> characters
/// (or UTF-8 bytes),
/// is <c>.</c> or <c>..</c> (or only dots), ends with a dot or a space, holds a path separator,
/// a NUL or any other control or bidirectional-override character, or is a name Windows reserves
/// for a device (<c>CON</c>, <c>PRN</c>, <c>AUX</c>, <c>NUL</c>, <c>COM1</c>…<c>COM9</c>,
/// <c>LPT1</c>…<c>LPT9</c>, with or without an extension).</para>
/// <para><see cref="Segment"/> (ids LookoutSim makes) also allows only ASCII letters, digits and
/// <c>- _ . = % +</c>; <see cref="Name"/> (names a person chose) allows any other printable
/// character except <c>/ \ : * ? " &lt; &gt; |</c>.</para>
/// </remarks>
public static class SafePath
{
    /// <summary>The longest segment accepted, in characters and in UTF-8 bytes. <remarks>200: below every file system's 255-byte limit for a name, with room for the suffix of a temporary folder.</remarks></summary>
    public const int MaxLength = 200;

    private const string IdPunctuation = "-_.=%+";
    private const string ForbiddenInNames = "/\\:*?\"<>|";

    /// <summary>
    /// Checks that <paramref name="value"/>, read from <paramref name="file"/> (line <paramref name="line"/>,
    /// field <paramref name="field"/>), is an id that can be one folder name: ASCII letters, digits and
    /// <c>- _ . = % +</c>, none of the refused forms (see the remarks of <see cref="SafePath"/>).
    /// </summary>
    /// <param name="value">The value as read; null is refused.</param>
    /// <param name="file">The file it was read from, for the message.</param>
    /// <param name="line">The 1-based line, or 0 when the file has no line for it.</param>
    /// <param name="field">The field or column, for the message.</param>
    /// <returns><paramref name="value"/>, unchanged.</returns>
    /// <exception cref="OutputException">Naming the file, line, field, the value (escaped, shortened) and what is wrong.</exception>
    public static string Segment(string? value, string file, long line, string field)
    {
        string? problem = SegmentProblem(value, strict: true);
        return problem is null ? value! : throw Refused(value, file, line, field, problem);
    }

    /// <summary>
    /// Like <see cref="Segment"/> for a name a person chose (a scenario name that names its results
    /// folder): any printable character but <c>/ \ : * ? " &lt; &gt; |</c>, none of the refused forms.
    /// </summary>
    /// <returns><paramref name="value"/>, unchanged.</returns>
    /// <exception cref="OutputException">Naming the file, line, field, the value and what is wrong.</exception>
    public static string Name(string? value, string file, long line, string field)
    {
        string? problem = SegmentProblem(value, strict: false);
        return problem is null ? value! : throw Refused(value, file, line, field, problem);
    }

    /// <summary>What is wrong with <paramref name="value"/> as an id segment (<see cref="Segment"/>), or null when nothing is.</summary>
    public static string? SegmentProblem(string? value) => SegmentProblem(value, strict: true);

    /// <summary>
    /// <paramref name="root"/> joined with <paramref name="relative"/> (one or more segments), fully
    /// resolved, after proving that the result lies strictly under <paramref name="root"/> and that no
    /// existing folder or file between them (the result included) is a symbolic link or other
    /// reparse point. The root itself is taken as given.
    /// </summary>
    /// <exception cref="OutputException">When the result would leave the root or a link is on the way.</exception>
    public static string Within(string root, string relative)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relative);
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (relative.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new OutputException($"'{DisplayText.Safe(relative, 120)}' is not a path inside {DisplayText.Safe(root, 200)}");
        }

        string full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        string prefix = fullRoot + Path.DirectorySeparatorChar;
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(prefix, comparison) || full.Length == prefix.Length)
        {
            throw new OutputException($"'{DisplayText.Safe(relative, 120)}' leads outside {DisplayText.Safe(root, 200)}");
        }

        string current = fullRoot;
        foreach (string part in full[prefix.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (IsLink(current))
            {
                throw new OutputException($"{DisplayText.Safe(current, 300)} is a symbolic link; LookoutSim does not read or write through links inside a results folder");
            }
        }

        return full;
    }

    /// <summary>Whether <paramref name="path"/> exists and is a symbolic link (or another reparse point), dangling or not.</summary>
    public static bool IsLink(string path) =>
        OutputFolder.IsLink(Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path));

    private static string? SegmentProblem(string? value, bool strict)
    {
        if (value is null || value.Length == 0)
        {
            return "is empty";
        }

        if (value.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; at most {MaxLength} are allowed");
        }

        if (Encoding.UTF8.GetByteCount(value) is int bytes && bytes > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is {bytes} bytes long in UTF-8; at most {MaxLength} are allowed");
        }

        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (ch is '/' or '\\')
            {
                return "holds a path separator ('/' or '\\'); it must be a single folder name";
            }

            if (ch == '\0')
            {
                return "holds a NUL character";
            }

            if (DisplayText.IsUnsafe(ch) || (char.IsSurrogate(ch) && !Paired(value, i)))
            {
                return "holds a control or invisible formatting character";
            }

            if (strict && !char.IsAsciiLetterOrDigit(ch) && !IdPunctuation.Contains(ch, StringComparison.Ordinal))
            {
                return $"holds '{ch}'; an id may use only ASCII letters, digits and {IdPunctuation}";
            }

            if (!strict && ForbiddenInNames.Contains(ch, StringComparison.Ordinal))
            {
                return $"holds '{ch}'; a folder name may not hold any of {ForbiddenInNames}";
            }
        }

        if (value.Trim('.').Length == 0)
        {
            return "is only dots ('.' and '..' name the folder itself and its parent)";
        }

        if (value[^1] is '.' or ' ' || value[0] == ' ')
        {
            return "starts or ends with a space, or ends with a dot";
        }

        string stem = value.Split('.')[0].TrimEnd(' ');
        if (IsReservedDevice(stem))
        {
            return $"is '{stem}', a device name Windows reserves";
        }

        return null;
    }

    private static bool Paired(string value, int i) => char.IsHighSurrogate(value[i])
        ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
        : i > 0 && char.IsHighSurrogate(value[i - 1]);

    private static bool IsReservedDevice(string stem)
    {
        string s = stem.ToUpperInvariant();
        return s is "CON" or "PRN" or "AUX" or "NUL" or "CONIN$" or "CONOUT$"
            || (s.Length == 4 && (s.StartsWith("COM", StringComparison.Ordinal) || s.StartsWith("LPT", StringComparison.Ordinal)) && s[3] is >= '0' and <= '9' or '¹' or '²' or '³');
    }

    private static OutputException Refused(string? value, string file, long line, string field, string problem)
    {
        var where = new StringBuilder(DisplayText.Safe(file, 300));
        if (line > 0)
        {
            where.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
        }

        string shown = value is null ? "null" : "'" + DisplayText.Safe(value, 80) + "'";
        return new OutputException($"{where}: {field} {shown} {problem}; refused (it would name a folder or file)");
    }
}
