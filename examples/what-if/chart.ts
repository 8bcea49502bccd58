/**
 * A native Excel bar chart (biểu đồ cột) added to a workbook's bytes: exceljs, which writes the
 * workbook, cannot write charts (exceljs/exceljs#141, open since 2016), and none of the maintained
 * JavaScript xlsx writers (excel4node, xlsx-populate, SheetJS community) can either. So the chart
 * is written as the three OOXML parts Excel itself writes (ECMA-376 part 1, §21.2 DrawingML
 * charts): `xl/charts/chartN.xml`, a drawing `xl/drawings/drawingN.xml` that anchors it over
 * cells, and the relationships and content types that tie them to the sheet. The zip is opened
 * and rewritten with jszip (already what exceljs uses). The chart's series refer to the sheet's
 * cells, with their values cached, so it redraws when an official edits a figure.
 */
import JSZip from "jszip"

/** One series: its name, the cell range of its values and those values (cached in the chart). */
export interface Series {
  readonly name: string
  readonly ref: string
  readonly values: ReadonlyArray<number>
}

/** A clustered bar chart over a sheet's cells, anchored over a block of cells (0-based columns and rows). */
export interface BarChart {
  readonly sheet: string
  readonly title: string
  /** Category labels' range, e.g. `'Theo nội dung'!$B$5:$B$9`, and the labels. */
  readonly categories: { readonly ref: string; readonly labels: ReadonlyArray<string> }
  readonly series: ReadonlyArray<Series>
  readonly anchor: { readonly fromCol: number; readonly fromRow: number; readonly toCol: number; readonly toRow: number }
  /** Value axis title, e.g. "triệu đồng". */
  readonly valueAxis?: string
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

const richTitle = (text: string, size: number): string =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="${size}" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`

const chartXml = (c: BarChart): string => {
  const cats = `<c:cat><c:strRef><c:f>${esc(c.categories.ref)}</c:f><c:strCache><c:ptCount val="${c.categories.labels.length}"/>${c.categories.labels
    .map((l, i) => `<c:pt idx="${i}"><c:v>${esc(l)}</c:v></c:pt>`)
    .join("")}</c:strCache></c:strRef></c:cat>`
  const series = c.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx><c:invertIfNegative val="0"/>${cats}<c:val><c:numRef><c:f>${esc(s.ref)}</c:f><c:numCache><c:formatCode>#,##0</c:formatCode><c:ptCount val="${s.values.length}"/>${s.values
          .map((v, k) => `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`)
          .join("")}</c:numCache></c:numRef></c:val></c:ser>`
    )
    .join("")
  const axisTitle = c.valueAxis === undefined ? "" : richTitle(c.valueAxis, 900)
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>${richTitle(c.title, 1200)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="low"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>${axisTitle}<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  )
}

const drawingXml = (c: BarChart): string => {
  const at = (tag: string, col: number, row: number) => `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:twoCellAnchor editAs="oneCell">${at("from", c.anchor.fromCol, c.anchor.fromRow)}${at("to", c.anchor.toCol, c.anchor.toRow)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  )
}

const relsXml = (rels: ReadonlyArray<{ readonly id: string; readonly type: string; readonly target: string }>): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${esc(r.target)}"/>`).join("")}</Relationships>`

const read = async (zip: JSZip, path: string): Promise<string> => {
  const f = zip.file(path)
  if (f === null) throw new Error(`workbook has no part ${path}`)
  return f.async("string")
}

/** Elements that come after `<drawing>` in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"]

/** Add a bar chart to the workbook's bytes; returns the new bytes. The sheet must have no drawing yet. */
export const addBarChart = async (xlsx: Uint8Array, chart: BarChart): Promise<Uint8Array> => {
  const zip = await JSZip.loadAsync(xlsx)
  const workbook = await read(zip, "xl/workbook.xml")
  const rid = new RegExp(`<sheet [^>]*name="${esc(chart.sheet).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1]
  if (rid === undefined) throw new Error(`workbook has no sheet "${chart.sheet}"`)
  const wbRels = await read(zip, "xl/_rels/workbook.xml.rels")
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(wbRels)?.[1]
  if (target === undefined) throw new Error(`no relationship ${rid} for sheet "${chart.sheet}"`)
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`
  const sheetName = sheetPath.slice(sheetPath.lastIndexOf("/") + 1)
  const n = zip.file(/^xl\/charts\/chart\d+\.xml$/).length + 1
  const m = zip.file(/^xl\/drawings\/drawing\d+\.xml$/).length + 1

  zip.file(`xl/charts/chart${n}.xml`, chartXml(chart))
  zip.file(`xl/drawings/drawing${m}.xml`, drawingXml(chart))
  zip.file(`xl/drawings/_rels/drawing${m}.xml.rels`, relsXml([{ id: "rId1", type: "chart", target: `../charts/chart${n}.xml` }]))

  // The sheet's relationships: keep its own, add the drawing with an id it does not use.
  const sheetRelsPath = `xl/worksheets/_rels/${sheetName}.rels`
  const existing = zip.file(sheetRelsPath) === null ? "" : await read(zip, sheetRelsPath)
  const drawingId = `rIdKcDrawing${m}`
  const rel = `<Relationship Id="${drawingId}" Type="${REL}/drawing" Target="../drawings/drawing${m}.xml"/>`
  zip.file(sheetRelsPath, existing === "" ? relsXml([]).replace("</Relationships>", `${rel}</Relationships>`) : existing.replace("</Relationships>", `${rel}</Relationships>`))

  let sheet = await read(zip, sheetPath)
  if (sheet.includes("<drawing ")) throw new Error(`sheet "${chart.sheet}" already has a drawing`)
  if (!/<worksheet[^>]*xmlns:r=/.test(sheet)) sheet = sheet.replace("<worksheet", `<worksheet xmlns:r="${NS_R}"`)
  const at = Math.min(...AFTER_DRAWING.map((t) => sheet.indexOf(t)).filter((i) => i >= 0))
  sheet = `${sheet.slice(0, at)}<drawing r:id="${drawingId}"/>${sheet.slice(at)}`
  zip.file(sheetPath, sheet)

  const types = await read(zip, "[Content_Types].xml")
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>` +
        `<Override PartName="/xl/drawings/drawing${m}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`
    )
  )
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" })
}

/** The 1-based row of a sheet with a cell holding `text` (a formula-string cell `t="str"`, as the streaming writer writes text). */
export const rowOf = async (xlsx: Uint8Array, sheet: string, text: string): Promise<number> => {
  const zip = await JSZip.loadAsync(xlsx)
  const workbook = await read(zip, "xl/workbook.xml")
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])
  const index = names.indexOf(esc(sheet))
  if (index < 0) throw new Error(`workbook has no sheet "${sheet}"`)
  const xml = await read(zip, `xl/worksheets/sheet${index + 1}.xml`)
  for (const m of xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) if ((m[2] ?? "").includes(`<v>${esc(text)}</v>`)) return Number(m[1])
  throw new Error(`sheet "${sheet}" has no cell "${text}"`)
}
