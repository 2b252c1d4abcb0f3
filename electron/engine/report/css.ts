/** The report's stylesheet: screen (the app's preview) and print (A4 / Letter). */
import { FONT_FACES } from './fonts/embedded';
import { REPORT_FONT } from './charts';
import type { PageSize } from './print';
import { MARGINS_MM } from './print';

export function fontFaceCss(): string {
  return FONT_FACES.map(
    (f) =>
      `@font-face{font-family:'Source Sans 3';font-style:${f.style};font-weight:${f.weight};font-display:block;src:url(data:font/woff2;base64,${f.base64}) format('woff2');unicode-range:${f.unicodeRange}}`,
  ).join('\n');
}

const INK = '#1F2328';
const MUTED = '#59636E';
const ACCENT = '#0B4F7C';
const RULE = '#D0D7DE';
const TINT = '#F3F6F9';

export function reportCss(pageSize: PageSize): string {
  const m = MARGINS_MM;
  return `
@page { size: ${pageSize}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${REPORT_FONT}; font-size: 10.5pt; line-height: 1.45; color: ${INK}; background: #fff; font-variant-numeric: lining-nums; }
@media screen {
  body { background: #E9ECEF; padding: 24px 0; }
  .sheet { background: #fff; max-width: ${pageSize === 'A4' ? '210mm' : '215.9mm'}; margin: 0 auto 24px; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; box-shadow: 0 1px 4px rgba(0,0,0,.18); }
  .cover { min-height: 0; }
  .cover .confidential { position: static; margin-top: 12mm; }
}
section.chapter { break-before: page; }
p { margin: 0 0 2.6mm; orphans: 3; widows: 3; }
h1, h2, h3 { font-weight: 600; line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 19pt; color: ${ACCENT}; margin: 0 0 5mm; padding-bottom: 2.5mm; border-bottom: 1.5pt solid ${ACCENT}; }
h1 .num { color: ${MUTED}; font-weight: 400; margin-right: 2.5mm; }
h2 { font-size: 13pt; color: ${INK}; margin: 7mm 0 2.5mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
.lead { font-size: 11.5pt; color: ${INK}; }
.muted { color: ${MUTED}; }
.small { font-size: 9pt; }
ul { margin: 0 0 3mm; padding-left: 5mm; }
li { margin-bottom: 1.4mm; }
code, .code { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 8.5pt; }
.hash { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace; font-size: 7pt; color: ${MUTED}; word-break: break-all; }

/* Cover */
.cover { display: block; min-height: 250mm; position: relative; }
.cover .band { height: 3mm; background: ${ACCENT}; margin-bottom: 28mm; }
.cover .org { font-size: 12pt; letter-spacing: .08em; text-transform: uppercase; color: ${MUTED}; margin-bottom: 5mm; }
.cover .title { font-size: 30pt; font-weight: 700; line-height: 1.1; color: ${INK}; margin: 0 0 5mm; border: 0; padding: 0; }
.cover .subtitle { font-size: 13pt; color: ${MUTED}; max-width: 150mm; margin-bottom: 16mm; }
.cover dl { display: grid; grid-template-columns: 34mm 1fr; gap: 2mm 4mm; margin: 0 0 16mm; font-size: 11pt; }
.cover dt { color: ${MUTED}; }
.cover dd { margin: 0; }
.cover .contents { border-top: 0.75pt solid ${RULE}; padding-top: 5mm; }
.cover .toc-title { margin: 0 0 3mm; font-weight: 600; font-size: 11pt; color: ${MUTED}; text-transform: uppercase; letter-spacing: .08em; }
.cover .contents ol { list-style: none; padding: 0; margin: 0; columns: 2; column-gap: 10mm; }
.cover .contents li { margin: 0 0 1.6mm; break-inside: avoid; display: grid; grid-template-columns: 8mm 1fr; }
.cover .contents .n { color: ${MUTED}; }
.cover .confidential { position: absolute; bottom: 0; left: 0; right: 0; font-size: 9pt; color: ${MUTED}; border-top: 0.75pt solid ${RULE}; padding-top: 3mm; }

/* Key figures */
.cards { display: grid; grid-template-columns: repeat(2, 1fr); gap: 3.5mm; margin: 4mm 0 5mm; break-inside: avoid; }
.card { border: 0.75pt solid ${RULE}; border-top: 2.5pt solid ${ACCENT}; padding: 3mm 4mm; background: #fff; }
.card .label { font-size: 9pt; color: ${MUTED}; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 20pt; font-weight: 600; line-height: 1.15; margin: 1mm 0; font-variant-numeric: tabular-nums; }
.card .detail { font-size: 9pt; color: ${MUTED}; }
.card.missing .value { color: ${MUTED}; }

.findings li { margin-bottom: 2.2mm; }
.verdict { display: inline-block; font-size: 8.5pt; font-weight: 600; padding: 0.2mm 1.8mm; border-radius: 1mm; margin-left: 1mm; vertical-align: 1px; }
.verdict.up { background: #DDF4E4; color: #116329; }
.verdict.down { background: #FFE2DD; color: #A40E26; }
.verdict.none { background: #EAEEF2; color: ${MUTED}; }

.box { border-left: 2.5pt solid #BF8700; background: #FFF8E5; padding: 3mm 4mm; margin: 4mm 0; break-inside: avoid; font-size: 9.5pt; line-height: 1.4; }
.box li { margin-bottom: 1mm; }
.box h2, .box h3 { margin-top: 0; font-size: 11pt; }
.box ul { margin-bottom: 0; }
.note { border-left: 2.5pt solid ${RULE}; background: ${TINT}; padding: 2.5mm 4mm; margin: 3mm 0; color: ${INK}; break-inside: avoid; }
.caveats { font-size: 9pt; color: ${MUTED}; border-left: 2pt solid ${RULE}; padding: 0.5mm 0 0.5mm 3mm; margin: 3mm 0; }
.caveats strong { color: ${INK}; }
.missing-data { border: 0.75pt dashed #8C959F; background: ${TINT}; padding: 4mm; margin: 3mm 0; color: ${INK}; break-inside: avoid; }

/* Figures */
figure { margin: 4mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figure .cap, .tcap { font-size: 10pt; font-weight: 600; margin-bottom: 2mm; }
.cap .lbl, .tcap .lbl { color: ${ACCENT}; }
figure .chart { text-align: left; }
figure .chart { max-width: 100%; }
figure .chart svg { width: 100%; height: auto; display: block; }
.keep { break-inside: avoid; page-break-inside: avoid; }
figure figcaption.notes { font-size: 8.5pt; color: ${MUTED}; margin-top: 1.5mm; }

/* Tables */
.tbl { margin: 4mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
.tbl.long { break-inside: auto; page-break-inside: auto; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.3; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { font-weight: 600; text-align: left; vertical-align: bottom; border-top: 1pt solid ${INK}; border-bottom: 0.75pt solid ${INK}; padding: 1.4mm 1.8mm; }
td { padding: 1.2mm 1.8mm; border-bottom: 0.5pt solid ${RULE}; vertical-align: top; }
tbody tr:last-child td { border-bottom: 1pt solid ${INK}; }
th.r, td.r { text-align: right; white-space: nowrap; }
th.n, td.n, .nowrap { white-space: nowrap; }
td.few { color: ${MUTED}; font-style: italic; }
tr.total td { font-weight: 600; background: ${TINT}; }
tr.group td { font-weight: 600; background: ${TINT}; }
.tnotes { font-size: 8.5pt; color: ${MUTED}; margin-top: 1.5mm; }
.tnotes p { margin: 0 0 1mm; }
table.defs td:first-child { width: 38mm; font-weight: 600; }
table.defs td { border-bottom: 0.5pt solid ${RULE}; }
`;
}
