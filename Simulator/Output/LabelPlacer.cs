namespace LookoutSim.Output;

/// <summary>A rectangle in pixels, y downwards.</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct LabelBox(float Left, float Top, float Width, float Height)
{
    /// <summary>Right edge.</summary>
    public float Right => Left + Width;

    /// <summary>Bottom edge.</summary>
    public float Bottom => Top + Height;

    /// <summary>Whether the two boxes share any area.</summary>
    public bool Overlaps(LabelBox other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether this box lies wholly inside <paramref name="outer"/>.</summary>
    public bool Inside(LabelBox outer) =>
        Left >= outer.Left && Right <= outer.Right && Top >= outer.Top && Bottom <= outer.Bottom;
}

/// <summary>
/// Places point labels so that none overprints another or a marker: each label tries the four
/// corners next to its point (above right, above left, below right, below left), then the same
/// corners one label-height further away, and so on, and takes the first place that is inside the
/// data area and free. Labels are placed in the order given; a label with no free place is left
/// out (null) rather than drawn over another.
/// </summary>
public static class LabelPlacer
{
    /// <summary>Gap between a point and its label, pixels.</summary>
    public const float Gap = 10;

    /// <summary>How many label-heights away from its point a label may move.</summary>
    public const int MaxSteps = 12;

    private static readonly (bool Above, bool Right)[] Corners = [(true, true), (true, false), (false, true), (false, false)];

    /// <summary>The box of each label (null when it cannot be placed), in the order of <paramref name="anchors"/>.</summary>
    /// <param name="anchors">Each label's point, pixels.</param>
    /// <param name="sizes">Each label's width and height, pixels.</param>
    /// <param name="area">Where labels may go (the data area).</param>
    /// <param name="markers">Every marker drawn (labelled or not), which labels must not cover.</param>
    /// <param name="markerRadius">Half the size of a marker, pixels.</param>
    public static IReadOnlyList<LabelBox?> Place(
        IReadOnlyList<(float X, float Y)> anchors,
        IReadOnlyList<(float Width, float Height)> sizes,
        LabelBox area,
        IReadOnlyList<(float X, float Y)> markers,
        float markerRadius)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(markers);
        if (anchors.Count != sizes.Count)
        {
            throw new ArgumentException("one size per anchor", nameof(sizes));
        }

        var taken = new List<LabelBox>(markers.Select(m =>
            new LabelBox(m.X - markerRadius, m.Y - markerRadius, 2 * markerRadius, 2 * markerRadius)));
        var placed = new LabelBox?[anchors.Count];
        for (int i = 0; i < anchors.Count; i++)
        {
            (float x, float y) = anchors[i];
            (float w, float h) = sizes[i];
            placed[i] = null;
            for (int step = 0; step <= MaxSteps && placed[i] is null; step++)
            {
                float shift = step * (h + 2);
                foreach ((bool above, bool right) in Corners)
                {
                    float top = above ? y - Gap - h - shift : y + Gap + shift;
                    float left = right ? x + Gap : x - Gap - w;
                    var box = new LabelBox(left, top, w, h);
                    if (box.Inside(area) && !taken.Any(t => t.Overlaps(box)))
                    {
                        placed[i] = box;
                        taken.Add(box);
                        break;
                    }
                }
            }
        }

        return placed;
    }
}
