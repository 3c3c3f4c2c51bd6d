// The monthly notification as a PDF in the form of a Chinese official notice: the issuing bureau in red
// over a red rule, the title, the addressees, the body (overall figures, exceedance, warnings, supervision
// and penalties) with the key figures, the bureau and date; then an attached table by region on a
// landscape page with the definitions and data sources. Text is Noto Sans Hans from npm (pdf-fonts.ts);
// GB/T 9704's 仿宋/小标宋 are commercial fonts and cannot ship with the platform.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PdfRequest } from '../platform/pdf/frames.ts';
import type { PdfRenderer } from '../platform/pdf/renderer.ts';
import type { MonthFigures, MonthlyReport } from '@ecoenforce/contract';
import { WARNING_KIND_ZH } from '../compliance/index.ts';

const RED = '#C00000';
const BEIJING = 8 * 3600_000;

/** Where the penalty and rectification figures come from (the enforcement case and rectification modules). */
export const PUNISHED_NOTE = '处罚数据来自执法办案模块：本月送达行政处罚决定书的单位。';

function ym(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

function ymd(t: number): string {
  const d = new Date(t + BEIJING);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

/** The trend against last month; none when either month has no figure. */
export function arrow(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '';
  return current === previous ? '→' : current > previous ? '↑' : '↓';
}

/** "（上月X，↑）". */
function vsLast(current: number | null, previous: number | null, show: (v: number | null) => string): string {
  const a = arrow(current, previous);
  return `（上月${show(previous)}${a === '' ? '' : `，${a}`}）`;
}

/** The body's scope word: 全省 / 全市 / 全区（县）. */
function whole(level: MonthlyReport['region']['level']): string {
  return level === 'province' ? '全省' : level === 'city' ? '全市' : '全区（县）';
}

export function issuingBureau(r: MonthlyReport): string {
  return r.region.level === 'province' ? `${r.region.name}生态环境厅` : r.region.level === 'city' ? `${r.region.name}生态环境局` : `${r.region.name}生态环境分局`;
}

export function noticeTitle(r: MonthlyReport): string {
  return `${r.region.name}重点排污单位自动监控月度通报（${ym(r.month)}）`;
}

function kindsText(f: MonthFigures): string {
  const parts = Object.entries(f.warningsByKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${WARNING_KIND_ZH[k] ?? k}${n}条`);
  return parts.length === 0 ? '' : `，其中${parts.join('、')}`;
}

function body(r: MonthlyReport): Content[] {
  const c = r.total.current;
  const p = r.total.previous;
  const scope = whole(r.region.level);
  const para = (text: string): Content => ({ text, style: 'body' });
  return [
    para(`现将${ym(r.month)}${scope}重点排污单位自动监控情况通报如下。`),
    { text: '一、总体情况', style: 'heading' },
    para(
      `本月${scope}纳入自动监控的重点排污单位${c.units}家、监测点位${c.points}个。应传分钟数据${c.expectedMinutes}条，实传${c.receivedMinutes}条，` +
        `数据传输率${pct(c.transmissionRate)}${vsLast(c.transmissionRate, p.transmissionRate, pct)}。`,
    ),
    { text: '二、超标情况', style: 'heading' },
    para(
      `本月共有${c.exceedanceUnits}家单位出现超标（上月${p.exceedanceUnits}家），小时均值超标${c.exceededHours}小时${vsLast(c.exceededHours, p.exceededHours, (v) => `${v}小时`)}` +
        `${c.exceededDays > 0 || p.exceededDays > 0 ? `，日均值超标${c.exceededDays}天（上月${p.exceededDays}天）` : ''}。`,
    ),
    { text: '三、预警处置情况', style: 'heading' },
    para(
      `本月平台共产生预警${c.warnings}条（上月${p.warnings}条）${kindsText(c)}。截至统计时，已确认${c.confirmed}条，已排除${c.dismissed}条，` +
        `已派发${c.dispatched}条，已办结${c.closed}条，待处理${c.pending}条。`,
    ),
    { text: '四、督办整改和处罚情况', style: 'heading' },
    para(`本月督办单位${c.supervised}家（上月${p.supervised}家），已完成整改${c.rectified}家，处罚${c.punished}家。`),
    { text: '五、工作要求', style: 'heading' },
    para('请各地对本通报所列超标和数据异常的单位逐一核查，依法处理；督促尚未完成整改的单位按期整改到位，确保自动监控设施正常运行、数据真实准确。'),
    para('附表：各地重点排污单位自动监控情况统计表'),
  ];
}

const HEADERS = ['地区', '监控单位(家)', '监控点位(个)', '数据传输率', '上月传输率', '超标小时', '上月超标小时', '超标天数', '超标单位(家)', '预警(条)', '上月预警', '已确认', '已排除', '已办结', '督办单位(家)', '完成整改(家)', '处罚(家)'];

function tableRow(name: string, c: MonthFigures, p: MonthFigures, bold = false): TableCell[] {
  const cells: Array<string | number> = [
    name, c.units, c.points, `${pct(c.transmissionRate)} ${arrow(c.transmissionRate, p.transmissionRate)}`.trim(), pct(p.transmissionRate),
    `${c.exceededHours} ${arrow(c.exceededHours, p.exceededHours)}`, p.exceededHours, c.exceededDays, c.exceedanceUnits,
    `${c.warnings} ${arrow(c.warnings, p.warnings)}`, p.warnings, c.confirmed, c.dismissed, c.closed, c.supervised, c.rectified, c.punished,
  ];
  return cells.map((v, i) => ({ text: String(v), bold, alignment: i === 0 ? 'left' : 'right' }));
}

function notes(r: MonthlyReport): Content {
  const from = ymd(r.from);
  const to = ymd(r.to - 1);
  return {
    style: 'note',
    stack: [
      { text: '说明：', bold: true },
      {
        ol: [
          `统计范围：${r.region.name}内已登记且有在用自动监测点位的重点排污单位；按北京时间自然月统计（${from}至${to}），趋势箭头与上月（${ym(r.previousMonth)}）比较。`,
          '数据传输率＝实传分钟数据条数÷应传分钟数据条数。应传：每个在用监测点位自月初（单位登记晚于月初的，自登记时起）至月末（当月未结束的，至统计时）每分钟1条（HJ 212 分钟数据）；实传：平台收到并入库的分钟数据，重复上传只计一次。',
          '超标小时：小时均值超过许可限值的小时数，按监测点位、监测因子、小时分别计；已排除的预警不计。执行日均值限值的（如城镇污水处理厂）按超标天数计。',
          '预警数为本月产生的预警；已确认含其后已派发、已办结的预警，状态为统计时的状态。',
          '督办单位：本月有已确认（含已派发、已办结）预警或本月完成执法任务的单位；完成整改：本月经复查确认已改正（责令改正整改完成）的单位。',
          `处罚：${PUNISHED_NOTE}`,
          '数据来源：生态环境执法平台（EcoEnforce）自动监控数据与预警记录。',
        ],
      },
    ],
  };
}

/** The notice as plain data for a render worker: the page footer and the table rules by name (platform/pdf/frames.ts). */
export function monthlyDocument(r: MonthlyReport, issuedAt: number): PdfRequest {
  const bureau = issuingBureau(r);
  const unitWord = r.region.level === 'province' ? '各地级以上市生态环境局：' : r.region.level === 'city' ? '各区（县）生态环境分局：' : '各有关单位：';
  // The region names get a fixed column; the figures share the rest of the landscape page.
  const widths = [58, ...HEADERS.slice(1).map(() => '*' as const)];
  const doc: PdfRequest['doc'] = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: noticeTitle(r), author: bureau, subject: `${ym(r.month)}月度通报` },
    content: [
      { text: bureau, style: 'bureau' },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 483, y2: 0, lineWidth: 2, lineColor: RED }], margin: [0, 4, 0, 18] },
      { text: noticeTitle(r), style: 'title' },
      { text: unitWord, style: 'addressee' },
      ...body(r),
      { text: bureau, alignment: 'right', margin: [0, 24, 24, 0] },
      { text: ymd(issuedAt), alignment: 'right', margin: [0, 4, 24, 0] },
      { text: '附表', bold: true, pageBreak: 'before', pageOrientation: 'landscape' },
      { text: `${r.region.name}重点排污单位自动监控情况统计表（${ym(r.month)}）`, style: 'tableTitle' },
      {
        style: 'table',
        table: {
          headerRows: 1,
          widths,
          body: [
            HEADERS.map((h) => ({ text: h, bold: true, alignment: 'center' as const, fillColor: '#EEEEEE' })),
            ...r.rows.map((row) => tableRow(row.regionName, row.current, row.previous)),
            tableRow('合计', r.total.current, r.total.previous, true),
          ],
        },
        layout: 'grid',
      },
      notes(r),
    ],
    styles: {
      bureau: { fontSize: 24, bold: true, color: RED, alignment: 'center', characterSpacing: 2 },
      title: { fontSize: 17, bold: true, alignment: 'center', margin: [0, 0, 0, 18], lineHeight: 1.3 },
      addressee: { fontSize: 12, margin: [0, 0, 0, 6] },
      heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      body: { fontSize: 12, leadingIndent: 24, lineHeight: 1.5, alignment: 'justify', margin: [0, 0, 0, 4] },
      tableTitle: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 4, 0, 10] },
      table: { fontSize: 9 },
      note: { fontSize: 8.5, margin: [0, 10, 0, 0], lineHeight: 1.3 },
    },
  };
  return { doc, footer: 'page-dash' };
}

/** Rendered on the renderer's worker threads; rejects with PdfRenderError (busy, timeout, crashed…). */
export function monthlyPdf(renderer: PdfRenderer, r: MonthlyReport, issuedAt: number): Promise<Buffer> {
  return renderer.render(monthlyDocument(r, issuedAt));
}
