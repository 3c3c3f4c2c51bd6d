// One PDF render thread of platform/pdf/renderer.ts: loads pdfmake and the two 8 MB font files once, then renders
// one document definition at a time and sends the bytes back (transferred, not copied). A document that
// makes pdfmake throw answers with the message; anything worse ends this thread and the pool replaces it.
import { parentPort } from 'node:worker_threads';
import { loadPdfMake, renderPdf } from './fonts.ts';
import { applyFrame, TABLE_LAYOUTS, type PdfRequest } from './frames.ts';

export type WorkerReply = { ready: true } | { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort!;
const pdfmake = await loadPdfMake();
pdfmake.addTableLayouts(TABLE_LAYOUTS);

port.on('message', (msg: { id: number; request: PdfRequest }) => {
  const reply = (m: WorkerReply, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
  let doc;
  try {
    doc = applyFrame(msg.request);
  } catch (err) {
    reply({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  renderPdf(doc).then(
    (bytes) => {
      // A fresh buffer of its own, so transferring it cannot detach a slab that other Buffers share.
      const pdf = new Uint8Array(bytes);
      reply({ id: msg.id, pdf }, [pdf.buffer]);
    },
    (err: unknown) => reply({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
port.postMessage({ ready: true } satisfies WorkerReply);
