using DocumentFormat.OpenXml;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Funnelcraft.Exports.Deck;

/// <summary>How a run of text looks; null leaves it to the placeholder's style.</summary>
internal sealed record TextStyle(int? Size = null, string? Color = null, bool Bold = false, int? Spacing = null, bool Caps = false, bool AlignRight = false);

/// <summary>The few DrawingML shapes the deck is made of: placeholders, text boxes, filled rectangles, paragraphs.</summary>
internal static class DeckShapes
{
    public static P.ShapeTree Tree(params IEnumerable<OpenXmlElement> shapes) => new(
        [
            new P.NonVisualGroupShapeProperties(
                new P.NonVisualDrawingProperties { Id = 1U, Name = "" },
                new P.NonVisualGroupShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.GroupShapeProperties(new A.TransformGroup()),
            .. shapes,
        ]);

    /// <summary>A shape that fills a layout placeholder; it keeps the layout's position.</summary>
    public static P.Shape Placeholder(uint id, string name, P.PlaceholderShape placeholder, IEnumerable<A.Paragraph>? paragraphs, Box? box = null)
    {
        var shape = new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = name },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(placeholder)),
            box is { } at ? new P.ShapeProperties(Transform(at)) : new P.ShapeProperties());
        if (paragraphs is not null)
        {
            shape.Append(Body(paragraphs, A.TextAnchoringTypeValues.Top, autofit: true));
        }

        return shape;
    }

    public static P.Shape TextBox(uint id, string name, Box box, IEnumerable<A.Paragraph> paragraphs, A.TextAnchoringTypeValues anchor) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = name },
            new P.NonVisualShapeDrawingProperties { TextBox = true },
            new P.ApplicationNonVisualDrawingProperties()),
        new P.ShapeProperties(Transform(box), Rect(), new A.NoFill()),
        Body(paragraphs, anchor, autofit: false));

    public static P.Shape Rectangle(uint id, string name, Box box, string color) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = name },
            new P.NonVisualShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties()),
        new P.ShapeProperties(Transform(box), Rect(), Fill(color), new A.Outline(new A.NoFill())));

    /// <summary>One paragraph per line of <paramref name="text"/>; a right-to-left line is marked so and aligned right.</summary>
    public static IEnumerable<A.Paragraph> Paragraphs(string? text, TextStyle style)
    {
        foreach (var line in ExportText.Lines(text))
        {
            var clean = ExportText.XmlSafe(line);
            var rightToLeft = ExportText.IsRightToLeft(clean);
            var properties = new A.ParagraphProperties();
            if (rightToLeft)
            {
                properties.RightToLeft = true;
            }

            if (rightToLeft || style.AlignRight)
            {
                // Right-to-left text starts on the right; a box aligned right ends there instead.
                properties.Alignment = rightToLeft && style.AlignRight ? A.TextAlignmentTypeValues.Left : A.TextAlignmentTypeValues.Right;
            }

            var paragraph = new A.Paragraph(properties);
            if (clean.Length > 0)
            {
                paragraph.Append(new A.Run(Run<A.RunProperties>(style), new A.Text(clean)));
            }

            paragraph.Append(Run<A.EndParagraphRunProperties>(style));
            yield return paragraph;
        }
    }

    /// <summary>The text of a shape's paragraphs, one line each: what <see cref="Paragraphs"/> was given.</summary>
    public static string Text(OpenXmlElement shape) =>
        string.Join("\n", shape.Descendants<A.Paragraph>().Select(p => string.Concat(p.Descendants<A.Text>().Select(t => t.Text))));

    private static T Run<T>(TextStyle style)
        where T : A.TextCharacterPropertiesType, new()
    {
        var run = new T { Dirty = false };
        if (style.Size is { } size)
        {
            run.FontSize = size;
        }

        if (style.Bold)
        {
            run.Bold = true;
        }

        if (style.Spacing is { } spacing)
        {
            run.Spacing = spacing;
        }

        if (style.Caps)
        {
            run.Capital = A.TextCapsValues.All;
        }

        if (style.Color is { } color)
        {
            run.Append(Fill(color));
        }

        // The theme's fonts for every run, text boxes included (they have no placeholder style to inherit them from).
        run.Append(new A.LatinFont { Typeface = "+mn-lt" }, new A.EastAsianFont { Typeface = "+mn-ea" }, new A.ComplexScriptFont { Typeface = "+mn-cs" });

        return run;
    }

    private static P.TextBody Body(IEnumerable<A.Paragraph> paragraphs, A.TextAnchoringTypeValues anchor, bool autofit)
    {
        var properties = new A.BodyProperties
        {
            Wrap = A.TextWrappingValues.Square,
            LeftInset = 0,
            TopInset = 0,
            RightInset = 0,
            BottomInset = 0,
            RightToLeftColumns = false,
            Anchor = anchor,
        };
        properties.Append(autofit ? new A.NormalAutoFit() : new A.NoAutoFit());
        return new P.TextBody([properties, new A.ListStyle(), .. paragraphs]);
    }

    private static A.Transform2D Transform(Box box) =>
        new(new A.Offset { X = box.X, Y = box.Y }, new A.Extents { Cx = box.Width, Cy = box.Height });

    private static A.PresetGeometry Rect() => new(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle };

    private static A.SolidFill Fill(string color) => new(new A.RgbColorModelHex { Val = color });
}
