// The PDF worker pool and the case documents: each of the four documents rendered on a worker and read
// back with pdfjs (title, party, amount in figures and capitals, the articles); the pool living through a
// document pdfmake rejects, a worker killed by its memory limit and a job past its deadline; the bounded
// queue's typed "busy" error, counted, and as HTTP 503 with Retry-After; and the event loop: the longest
// stall of the main thread while a PDF renders on a worker, against the render's own duration and against
// the stall of the same render done on the main thread.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pdfText as readPdfText } from './pdf-text.ts';
import { Registry } from 'prom-client';
import { buildApp, type App } from '../src/http/app.ts';
import { capitalYuan, figureYuan } from '../src/platform/pdf/cn-amount.ts';
import { CASE_DOCUMENTS, CaseDocumentError, caseDocumentRequest, type CaseDocumentKind } from '../src/enforcement/cases/documents/documents.ts';
import { applyFrame, type PdfRequest } from '../src/platform/pdf/frames.ts';
import { PdfRenderError, PdfRenderer } from '../src/platform/pdf/renderer.ts';
import { renderPdf } from '../src/platform/pdf/fonts.ts';
import { call, login, startHttpRig, type HttpRig } from './http-fixtures.ts';
import { worked } from './case-document-fixtures.ts';

// Justified lines may come back with spaces between glyph runs; the assertions read the characters.
const pdfText = async (bytes: Uint8Array): Promise<string> => (await readPdfText(bytes)).replace(/\s+/g, '');

/** A table long enough to keep a worker busy for seconds (thousands of laid-out CJK cells). */
function longTable(rows: number): PdfRequest {
  return { doc: { content: [{ table: { body: Array.from({ length: rows }, (_, i) => [String(i), '超标排放测试文字', '二氧化硫']) } }] } };
}

const small: PdfRequest = { doc: { content: ['测试'] } };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function rejection(p: Promise<unknown>): Promise<PdfRenderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof PdfRenderError, String(err));
    return err;
  }
  assert.fail('expected a PdfRenderError');
}

void describe('case documents on the PDF worker pool', () => {
  const registry = new Registry();
  const pool = new PdfRenderer({ registry });
  after(() => pool.close());

  const expectations: Record<CaseDocumentKind, { amount: boolean; articles?: false; extra: string[] }> = {
    case_filing_form: { amount: false, extra: ['穗环立〔2026〕0088号', '负责人审批意见', '自动监控预警'] },
    order_to_correct: { amount: false, extra: ['穗环责改〔2026〕12号', '2026年3月20日前改正', '六十日内向广州市人民政府申请行政复议'] },
    advance_notice: { amount: true, extra: ['穗环罚告〔2026〕12号', '陈述、申辩', '2026年4月8日前', '要求举行听证', '2026年4月6日前'] },
    penalty_decision: {
      amount: true,
      extra: ['粤环罚〔2026〕12号', '营业执照复印件', '超标倍数', '小于3倍', '23%', '六十日内', '六个月内', '广州铁路运输法院', '2026年5月8日前', '（印章）', '广州市生态环境局'],
    },
    no_penalty_decision: { amount: false, extra: ['粤环罚〔2026〕12号', '不予行政处罚的理由和依据', '六十日内', '广州铁路运输法院', '（印章）'] },
    legal_review_opinion: { amount: true, extra: ['审核意见', '证据确实充分', '审核人：赵法制', '同意提交负责人审查决定', '（印章）'] },
    service_receipt: { amount: false, articles: false, extra: ['行政处罚决定书', '粤环罚〔2026〕12号', '直接送达', '2026年4月22日', '受送达人签收', '王一（执法证号：44010001）'] },
    payment_receipt: { amount: true, articles: false, extra: ['罚没款缴款凭证', '2026年5月6日', '实缴金额', '确认人', '王一'] },
    closing_report: { amount: false, extra: ['结案日期', '2026年5月10日', '行政处罚决定，罚款230,000元', '负责人审批意见', '建议结案'] },
  };

  for (const kind of Object.keys(CASE_DOCUMENTS) as CaseDocumentKind[]) {
    void test(`${CASE_DOCUMENTS[kind].title}: rendered on a worker, read back`, async () => {
      const c = worked();
      const bytes = await pool.render(caseDocumentRequest(kind, c));
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = await pdfText(bytes);
      assert.ok(text.includes(CASE_DOCUMENTS[kind].title), `title in ${text.slice(0, 120)}`);
      assert.ok(text.includes(c.party.name), 'party name');
      assert.ok(text.includes(c.party.uscc), 'USCC');
      if (expectations[kind].articles !== false) {
        assert.ok(text.includes('《中华人民共和国大气污染防治法》第十八条'), 'the article violated');
        assert.ok(text.includes('《中华人民共和国大气污染防治法》第九十九条第二项'), 'the penalty article');
      }
      if (expectations[kind].amount) {
        assert.ok(text.includes(`人民币${capitalYuan(c.amount)}`), `capitals ${capitalYuan(c.amount)}`);
        assert.ok(text.includes(`¥${figureYuan(c.amount)}`), 'figures ¥230,000.00');
        assert.equal(capitalYuan(c.amount), '贰拾叁万元整');
      }
      for (const s of expectations[kind].extra) assert.ok(text.includes(s.replace(/\s+/g, '')), `${kind}: ${s}`);
    });
  }

  void test('the discretion table sums the weights and shows the amount [GD art. 6, GD-A1]', async () => {
    const text = await pdfText(await pool.render(caseDocumentRequest('penalty_decision', worked())));
    assert.ok(text.includes('23%×法定最高罚款额1,000,000.00元=230,000.00元'), 'Σ 23 % × 1,000,000');
    for (const r of worked().discretion.rows) assert.ok(text.includes(`${r.factor}${r.level}${r.weight}%`), `${r.factor} row`);
  });

  void test('the no-penalty decision of a first-violation waiver names its article, its ground, who decided and why [APL 33 ¶1]', async () => {
    const c = worked();
    const input = {
      ...c, numbers: { ...c.numbers, noPenalty: '粤环不罚〔2026〕12号' },
      decision: { ...c.decision, noPenalty: { ground: 'waived' as const, basis: { law: '《中华人民共和国行政处罚法》', article: '第三十三条第一款' }, gateReason: '系初次违法，危害后果轻微，并已及时改正', decidedBy: '本机关负责人张局长', reason: '当日即完成整改' } },
    };
    const text = await pdfText(await pool.render(caseDocumentRequest('no_penalty_decision', input)));
    for (const s of ['粤环不罚〔2026〕12号', '《中华人民共和国行政处罚法》第三十三条第一款', '初次违法且危害后果轻微并及时改正的，可以不予行政处罚', '系初次违法，危害后果轻微，并已及时改正', '本机关负责人张局长', '当日即完成整改', '决定对你单位不予行政处罚']) {
      assert.ok(text.includes(s), s);
    }
    assert.ok(!text.includes('¥'), 'no amount on a no-penalty decision');
  });

  void test('input that cannot make a document: a typed error listing the fields', () => {
    const bad = { ...worked(), amount: -5, party: { ...worked().party, uscc: '91440101MA5TEST1X0' }, officers: [] };
    assert.throws(
      () => caseDocumentRequest('penalty_decision', bad),
      (err: unknown) => err instanceof CaseDocumentError && ['amount', 'party.uscc', 'officers'].every((p) => err.problems.some((x) => x.path === p)),
    );
  });

  void test('a document pdfmake rejects fails its job only; the same worker renders the next', async () => {
    await pool.render(small); // warm
    const err = await rejection(pool.render({ doc: { content: ['x'], defaultStyle: { font: 'NoSuchFont' } } }));
    assert.equal(err.code, 'render_failed');
    const fn = await rejection(pool.render({ doc: { content: [{ text: 'x', table: { body: [[() => 1]] } }] } } as unknown as PdfRequest));
    assert.equal(fn.code, 'invalid_document', 'a function cannot cross to a worker');
    assert.equal((await pool.render(small)).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(pool.stats().workers, 1);
    const counts = (await registry.getSingleMetric('pdf_render_jobs_total')!.get()).values;
    assert.equal(counts.find((v) => v.labels.result === 'render_failed')?.value, 1);
  });
});

void describe('the pool survives a killed worker and a stuck one', () => {
  void test('a worker killed by its memory limit: its job fails "crashed", a new worker renders the next', async () => {
    const pool = new PdfRenderer({ maxMemoryMb: 64 });
    try {
      await pool.render(small);
      const err = await rejection(pool.render(longTable(200_000)));
      assert.equal(err.code, 'crashed');
      assert.match(err.message, /memory/);
      assert.equal((await pool.render(small)).subarray(0, 5).toString('latin1'), '%PDF-');
      assert.deepEqual(pool.stats(), { workers: 1, rendering: 0, queued: 0 });
    } finally {
      await pool.close();
    }
  });

  void test('a job past its deadline: "timeout", the worker is replaced, the queued job still renders', async () => {
    // The deadline runs from when a worker is ready, so a cold start does not count against it. The stuck job
    // is one no machine renders in 400 ms (twenty thousand rows); the queued one keeps the pool's generous
    // deadline, so a busy machine cannot make it miss (the test races nothing against the clock).
    const pool = new PdfRenderer();
    try {
      const stuck = pool.render(longTable(20_000), { timeoutMs: 400 });
      const queued = pool.render(small);
      const err = await rejection(stuck);
      assert.equal(err.code, 'timeout');
      assert.match(err.message, /within 400 ms/);
      assert.equal((await queued).subarray(0, 5).toString('latin1'), '%PDF-', 'taken by the replacement worker');
      assert.equal(pool.stats().workers, 1);
    } finally {
      await pool.close();
    }
  });
});

void describe('a full queue', () => {
  void test('typed busy error with a retry estimate, counted', async () => {
    const registry = new Registry();
    const pool = new PdfRenderer({ workers: 1, maxQueue: 1, registry });
    try {
      const first = pool.render(small);
      const second = pool.render(small);
      const busy = await rejection(pool.render(small));
      assert.equal(busy.code, 'busy');
      assert.ok(busy.retryAfterSeconds !== undefined && busy.retryAfterSeconds >= 1);
      await Promise.all([first, second]);
      const counts = (await registry.getSingleMetric('pdf_render_jobs_total')!.get()).values;
      assert.equal(counts.find((v) => v.labels.result === 'busy')?.value, 1);
      assert.equal(counts.find((v) => v.labels.result === 'ok')?.value, 2);
      await pool.close();
      assert.equal((await rejection(pool.render(small))).code, 'closed');
    } finally {
      await pool.close();
    }
  });

  void test('over HTTP: 503 with Retry-After while the PDF queue is full', async () => {
    let rig: HttpRig | null = null;
    let app: App | null = null;
    const pdf = new PdfRenderer({ workers: 1, maxQueue: 0 });
    try {
      rig = await startHttpRig('sqlite');
      app = await buildApp({ database: rig.store.database, now: () => rig!.clock.now, activity: rig.activity, live: rig.live, webDist: null, secureCookies: false, pdf });
      const head = await login(app, 'head');
      const url = '/api/reports/monthly?month=2026-10&format=pdf';
      const [a, b] = await Promise.all([call(app, head, 'GET', url), call(app, head, 'GET', url)]);
      const statuses = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(statuses, [200, 503]);
      const refused = a.statusCode === 503 ? a : b;
      assert.ok(Number(refused.headers['retry-after']) >= 1, String(refused.headers['retry-after']));
      assert.equal(refused.headers['content-disposition'], undefined, 'no attachment header on the error');
      assert.equal(refused.json<{ error: { code: string; details: { reason: string } } }>().error.details.reason, 'busy');
      assert.equal((await call(app, head, 'GET', url)).statusCode, 200, 'served again once the worker is free');
    } finally {
      await app?.close();
      await pdf.close();
      await rig?.close();
    }
  });
});

void describe('the event loop while a PDF renders', () => {
  const pool = new PdfRenderer();
  before(async () => {
    await pool.render(small); // the worker's start-up and fonts are not what is measured
    await renderPdf(applyFrame(small)); // nor the main thread's own font load in the comparison
  });
  after(() => pool.close());

  /**
   * How long the main thread stalled while `work` ran, two ways: the max of perf_hooks'
   * monitorEventLoopDelay, and the longest gap in a chain of 1 ms timers (what a request's timers and I/O
   * callbacks would feel). On Node 20 the histogram reports only a few ms for a pdfmake render that
   * demonstrably holds the timers for its whole duration, so the comparison asserts on the timer gap and
   * records both.
   */
  async function measure(work: () => Promise<unknown>): Promise<{ eldMs: number; gapMs: number; tookMs: number }> {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    await sleep(30); // the histogram's first sample only sets its baseline
    h.reset();
    const stamps: number[] = [];
    let ticking = true;
    const tick = (): void => {
      stamps.push(performance.now());
      if (ticking) setTimeout(tick, 1);
    };
    tick();
    const t0 = performance.now();
    await work();
    const tookMs = performance.now() - t0;
    ticking = false;
    await sleep(30); // one more turn so a stall at the very end is sampled too
    h.disable();
    let gapMs = 0;
    for (let i = 1; i < stamps.length; i++) gapMs = Math.max(gapMs, stamps[i]! - stamps[i - 1]!);
    return { eldMs: h.max / 1e6, gapMs, tookMs };
  }

  void test('on a worker the main thread stalls far less than the render takes; on the main thread it stalls for about all of it', async () => {
    const onWorker = await measure(() => pool.render(caseDocumentRequest('penalty_decision', worked())));
    const onMain = await measure(() => renderPdf(applyFrame(caseDocumentRequest('penalty_decision', worked()))));
    const f = (n: number): string => n.toFixed(1);
    console.log(
      `# penalty decision — on a worker: render ${f(onWorker.tookMs)} ms, longest timer gap ${f(onWorker.gapMs)} ms, event-loop delay max ${f(onWorker.eldMs)} ms; ` +
        `on the main thread: render ${f(onMain.tookMs)} ms, longest timer gap ${f(onMain.gapMs)} ms, event-loop delay max ${f(onMain.eldMs)} ms`,
    );
    assert.ok(onWorker.gapMs < onWorker.tookMs / 4, `worker: gap ${onWorker.gapMs} ms vs render ${onWorker.tookMs} ms`);
    assert.ok(onWorker.eldMs < onWorker.tookMs / 4, `worker: delay ${onWorker.eldMs} ms vs render ${onWorker.tookMs} ms`);
    // The same probe does see a render that blocks: it is not blind.
    assert.ok(onMain.gapMs > onMain.tookMs / 2, `main thread: gap ${onMain.gapMs} ms vs render ${onMain.tookMs} ms`);
  });
});
