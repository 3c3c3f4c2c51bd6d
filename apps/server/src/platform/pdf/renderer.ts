// A small pool of worker threads that render pdfmake document definitions to PDF bytes. pdfmake lays out
// and subsets a CJK font synchronously for 0.5–1 s a document; on the HTTP thread that would stall every
// other request and the gateway's acks for that long. Here the main thread only posts plain data and
// receives bytes. The queue is bounded (a full queue answers "busy" at once rather than piling up
// requests), each job has a deadline (a worker stuck past it is terminated and replaced), and a worker
// that dies fails only the job it had: the pool starts another and the process lives on.
import { Worker } from 'node:worker_threads';
import { Counter, Registry } from 'prom-client';
import type { PdfRequest } from './frames.ts';
import type { WorkerReply } from './render-worker.ts';

export type PdfErrorCode = 'busy' | 'timeout' | 'crashed' | 'render_failed' | 'invalid_document' | 'closed';

/** Why a render did not produce a PDF; `retryAfterSeconds` is set for 'busy'. */
export class PdfRenderError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PdfRenderError';
  }
}

export interface PdfRendererOptions {
  /** Worker threads (default 1: on a 2-core machine the other core serves HTTP and the gateway). */
  workers?: number;
  /** Jobs that may wait for a free worker beyond those rendering (default 8); more answer 'busy'. */
  maxQueue?: number;
  /** Deadline of one render, counted from when its worker is ready (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of a worker; a document that needs more ends that worker, not the server (default 512 MB). */
  maxMemoryMb?: number;
  /** Where the job counter is registered (the server's /metrics registry). */
  registry?: Registry;
}

interface Job {
  request: PdfRequest;
  /** This job's own deadline, when it is not the pool's. */
  timeoutMs: number | undefined;
  resolve: (pdf: Buffer) => void;
  reject: (err: PdfRenderError) => void;
}

interface Slot {
  worker: Worker;
  /** Fonts loaded: the job's deadline runs from here, so a cold start does not eat it. */
  ready: boolean;
  job: Job | null;
  id: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
}

/** Until renders are measured, the estimate behind Retry-After. */
const FIRST_GUESS_MS = 1000;
/** A worker that has not loaded pdfmake and its fonts by then is taken as dead. */
const START_UP_MS = 60_000;

export class PdfRenderer {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly maxMemoryMb: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly jobs: Counter<'result'>;
  private seq = 0;
  private closed = false;
  /** Moving average of render times, for the Retry-After estimate. */
  private averageMs = FIRST_GUESS_MS;

  constructor(opts: PdfRendererOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.workers ?? 1));
    this.maxQueue = Math.max(0, Math.floor(opts.maxQueue ?? 8));
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxMemoryMb = opts.maxMemoryMb ?? 512;
    this.jobs = new Counter({
      name: 'pdf_render_jobs_total',
      help: 'PDF render jobs, by result (ok, busy, timeout, crashed, render_failed, invalid_document, closed)',
      labelNames: ['result'],
      registers: [opts.registry ?? new Registry()],
    });
  }

  /** Renders on a worker; rejects with PdfRenderError only. `timeoutMs` overrides the pool's deadline for this job. */
  render(request: PdfRequest, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
    if (this.closed) return Promise.reject(this.fail('closed', 'the PDF renderer is closed'));
    let idle: Slot | null;
    try {
      idle = this.idleSlot();
    } catch (err) {
      // A thread that cannot even be created (out of resources): this job fails, the server does not.
      return Promise.reject(this.fail('crashed', `no PDF worker could be started: ${err instanceof Error ? err.message : String(err)}`));
    }
    if (idle === null && this.queue.length >= this.maxQueue) {
      const wait = Math.ceil((this.averageMs * (this.queue.length + 1)) / this.size / 1000);
      return Promise.reject(this.fail('busy', `PDF rendering is busy: ${this.queue.length} documents waiting`, Math.min(60, Math.max(1, wait))));
    }
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = { request, timeoutMs: opts.timeoutMs, resolve, reject };
      if (idle === null) this.queue.push(job);
      else this.start(idle, job);
    });
  }

  /** Workers running, rendering, and jobs waiting. */
  stats(): { workers: number; rendering: number; queued: number } {
    return { workers: this.slots.size, rendering: [...this.slots].filter((s) => s.job !== null).length, queued: this.queue.length };
  }

  /** Refuses new jobs, fails the waiting ones and ends the workers (a job still rendering fails 'closed'). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(this.fail('closed', 'the PDF renderer closed before this document was rendered'));
    await Promise.all([...this.slots].map((s) => this.retire(s, new PdfRenderError('closed', 'the PDF renderer closed while rendering this document'))));
  }

  private fail(code: PdfErrorCode, message: string, retryAfterSeconds?: number): PdfRenderError {
    this.jobs.inc({ result: code });
    return new PdfRenderError(code, message, retryAfterSeconds);
  }

  /** A worker with no job, or a new one while the pool is below its size; null when all are busy. */
  private idleSlot(): Slot | null {
    for (const s of this.slots) if (s.job === null) return s;
    return this.slots.size < this.size ? this.spawn() : null;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.id = ++this.seq;
    slot.startedAt = performance.now();
    try {
      // Cloning fails here, synchronously, when the definition holds a function or another uncloneable value.
      slot.worker.postMessage({ id: slot.id, request: job.request });
    } catch (err) {
      slot.job = null;
      job.reject(this.fail('invalid_document', `the document definition is not plain data: ${err instanceof Error ? err.message : String(err)}`));
      this.next(slot);
      return;
    }
    slot.worker.ref(); // the process stays up while a document renders, not while workers idle
    this.arm(slot);
  }

  /** The job's deadline: the render's own once the worker is ready, else the start-up allowance. */
  private arm(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    const ms = slot.ready ? (slot.job?.timeoutMs ?? this.timeoutMs) : START_UP_MS;
    const what = slot.ready ? `the PDF was not rendered within ${ms} ms` : `the PDF worker did not start within ${ms} ms`;
    slot.timer = setTimeout(() => void this.retire(slot, this.fail('timeout', what)), ms);
  }

  /** The slot is free: give it the next waiting job, or let it idle. */
  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job !== undefined) this.start(slot, job);
    else slot.worker.unref();
  }

  private finish(slot: Slot, id: number, reply: WorkerReply): void {
    if ('ready' in reply) {
      slot.ready = true;
      slot.startedAt = performance.now();
      if (slot.job !== null) this.arm(slot);
      return;
    }
    if (slot.job === null || reply.id !== id) return;
    const job = slot.job;
    slot.job = null;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    if ('pdf' in reply) {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - slot.startedAt);
      this.jobs.inc({ result: 'ok' });
      job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    } else {
      job.reject(this.fail('render_failed', `the PDF could not be rendered: ${reply.error}`));
    }
    if (!this.closed) this.next(slot);
  }

  /** Ends a worker; its job (if any) fails with `err`; waiting jobs go to a replacement. */
  private async retire(slot: Slot, err: PdfRenderError): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer !== null) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.reject(err);
    await slot.worker.terminate().catch(() => undefined);
    this.refill();
  }

  /** After a worker is gone: start replacements for the jobs still waiting. */
  private refill(): void {
    while (!this.closed && this.queue.length > 0 && this.slots.size < this.size) this.next(this.spawn());
  }

  private spawn(): Slot {
    // Under tsx (npm start, the tests) the worker must register tsx's loader itself before importing the
    // TypeScript module, as the hour planner's worker does (compliance/jobs/hour-planner.ts).
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb } });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, id: 0, startedAt: 0, timer: null };
    this.slots.add(slot);
    worker.on('message', (m: WorkerReply) => this.finish(slot, slot.id, m));
    const died = (reason: string): void => {
      if (!this.slots.has(slot)) return; // retired on purpose
      const message = `the PDF worker stopped while rendering this document (${reason})`;
      void this.retire(slot, slot.job === null ? new PdfRenderError('crashed', message) : this.fail('crashed', message));
    };
    worker.on('error', (e) => died(e.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }
}
