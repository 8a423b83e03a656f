namespace Funnelcraft.Exports.Deck;

/// <summary>
/// The deck's fixed parts as Open XML: the theme (colours, Calibri), the slide master with its text styles, the title
/// and content layouts, and the notes master. Slides fill the layouts' placeholders, so PowerPoint, Keynote, Google
/// Slides and LibreOffice know each slide's title and body (outline view, accessibility, speaker notes).
/// </summary>
internal static class DeckMasters
{
    public const long Width = 12192000; // 13.333 in: 16:9
    public const long Height = 6858000; // 7.5 in
    public const long Inch = 914400;

    private const string Namespaces =
        """xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" """;

    private const string GroupShape =
        """<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>""";

    private const string ColorMap =
        """bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink" """;

    public const string Theme =
        """
        <a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Funnelcraft">
          <a:themeElements>
            <a:clrScheme name="Funnelcraft">
              <a:dk1><a:srgbClr val="141827"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>
              <a:dk2><a:srgbClr val="1E1B4B"/></a:dk2><a:lt2><a:srgbClr val="F5F6FA"/></a:lt2>
              <a:accent1><a:srgbClr val="4F46E5"/></a:accent1><a:accent2><a:srgbClr val="8B5CF6"/></a:accent2>
              <a:accent3><a:srgbClr val="EF4444"/></a:accent3><a:accent4><a:srgbClr val="F59E0B"/></a:accent4>
              <a:accent5><a:srgbClr val="10B981"/></a:accent5><a:accent6><a:srgbClr val="0EA5E9"/></a:accent6>
              <a:hlink><a:srgbClr val="4338CA"/></a:hlink><a:folHlink><a:srgbClr val="3730A3"/></a:folHlink>
            </a:clrScheme>
            <a:fontScheme name="Funnelcraft">
              <a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface="Arial"/></a:majorFont>
              <a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface="Arial"/></a:minorFont>
            </a:fontScheme>
            <a:fmtScheme name="Funnelcraft">
              <a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>
              <a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>
              <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>
              <a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst>
            </a:fmtScheme>
          </a:themeElements>
          <a:objectDefaults/>
          <a:extraClrSchemeLst/>
        </a:theme>
        """;

    /// <summary>The master: white background, the title and body placeholders where content slides have them, the text styles.</summary>
    public static string SlideMaster(string titleLayoutRelationship, string contentLayoutRelationship) =>
        $"""
        <p:sldMaster {Namespaces}>
          <p:cSld>
            <p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>
            <p:spTree>{GroupShape}
              {Placeholder(2, "Title Placeholder 1", """type="title" """, DeckLayout.Title)}
              {Placeholder(3, "Text Placeholder 2", """type="body" idx="1" """, DeckLayout.Body)}
            </p:spTree>
          </p:cSld>
          <p:clrMap {ColorMap}/>
          <p:sldLayoutIdLst>
            <p:sldLayoutId id="2147483649" r:id="{titleLayoutRelationship}"/>
            <p:sldLayoutId id="2147483650" r:id="{contentLayoutRelationship}"/>
          </p:sldLayoutIdLst>
          <p:txStyles>
            <p:titleStyle>
              <a:lvl1pPr algn="l" defTabSz="914400" rtl="0"><a:lnSpc><a:spcPct val="95000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>
                <a:defRPr sz="3600" b="1" kern="1200"><a:solidFill><a:srgbClr val="141827"/></a:solidFill><a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr>
            </p:titleStyle>
            <p:bodyStyle>
              <a:lvl1pPr marL="0" indent="0" algn="l" defTabSz="914400" rtl="0"><a:lnSpc><a:spcPct val="118000"/></a:lnSpc><a:spcBef><a:spcPts val="900"/></a:spcBef><a:buNone/>
                <a:defRPr sz="2200" kern="1200"><a:solidFill><a:srgbClr val="374151"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr>
            </p:bodyStyle>
            <p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr></p:otherStyle>
          </p:txStyles>
        </p:sldMaster>
        """;

    /// <summary>The title slide's layout: a centre title and a subtitle.</summary>
    public static string TitleLayout { get; } =
        $"""
        <p:sldLayout {Namespaces} type="title" preserve="1">
          <p:cSld name="Title Slide">
            <p:spTree>{GroupShape}
              {Placeholder(2, "Title 1", """type="ctrTitle" """, DeckLayout.CoverTitle)}
              {Placeholder(3, "Subtitle 2", """type="subTitle" idx="1" """, DeckLayout.CoverSubtitle)}
            </p:spTree>
          </p:cSld>
          <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>
        </p:sldLayout>
        """;

    /// <summary>Every other slide's layout: a title and a body.</summary>
    public static string ContentLayout { get; } =
        $"""
        <p:sldLayout {Namespaces} type="obj" preserve="1">
          <p:cSld name="Title and Content">
            <p:spTree>{GroupShape}
              {Placeholder(2, "Title 1", """type="title" """, DeckLayout.Title)}
              {Placeholder(3, "Content Placeholder 2", """idx="1" """, DeckLayout.Body)}
            </p:spTree>
          </p:cSld>
          <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>
        </p:sldLayout>
        """;

    /// <summary>The speaker-notes page: the slide's picture above its notes.</summary>
    public static string NotesMaster { get; } =
        $"""
        <p:notesMaster {Namespaces}>
          <p:cSld>
            <p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>
            <p:spTree>{GroupShape}
              <p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>
                <p:spPr><a:xfrm><a:off x="685800" y="1143000"/><a:ext cx="5486400" cy="3086100"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="12700"><a:solidFill><a:srgbClr val="D3D7E3"/></a:solidFill></a:ln></p:spPr></p:sp>
              <p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr>
                <p:spPr><a:xfrm><a:off x="685800" y="4400550"/><a:ext cx="5486400" cy="3600450"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>
                <p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>
            </p:spTree>
          </p:cSld>
          <p:clrMap {ColorMap}/>
          <p:notesStyle>
            <a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0"><a:defRPr sz="1200" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr>
          </p:notesStyle>
        </p:notesMaster>
        """;

    private static string Placeholder(int id, string name, string placeholder, Box box) =>
        $"""
        <p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {placeholder}/></p:nvPr></p:nvSpPr>
          <p:spPr><a:xfrm><a:off x="{box.X}" y="{box.Y}"/><a:ext cx="{box.Width}" cy="{box.Height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>
          <p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>
        """;
}
