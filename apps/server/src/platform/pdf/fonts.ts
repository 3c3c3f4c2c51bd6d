// pdfmake with a Chinese font that comes with `npm install`: Noto Sans Hans (OFL-1.1) from the npm package
// @embedpdf/fonts-sc, never a system font. The package exports only its JS entry, so its folder is found
// from where Node resolves that entry, not from a hard-coded node_modules path (workspaces hoist packages).
// The two font files (8 MB each) are read once per process and handed to pdfmake's in-memory file system;
// pdfmake may read no other local file and fetch no URL (its access policies), so a document definition
// can never make the server read a file or call out. Rendering is CPU-bound for 0.5–1 s a document, so it
// runs on the worker threads of platform/pdf/renderer.ts, each of which loads the fonts once; never on the thread
// that serves HTTP.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CustomTableLayout, TCreatedPdf, TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

export interface PdfMake {
  createPdf(doc: TDocumentDefinitions): TCreatedPdf;
  addFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  addTableLayouts(layouts: Record<string, CustomTableLayout>): void;
  /** Not in the published types: the in-memory files pdfmake reads fonts from before the disk. */
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
}

/** The family name document definitions use. */
export const CJK_FONT = 'NotoSansHans';

/** Absolute paths of the regular and bold font files inside the installed @embedpdf/fonts-sc. */
export function fontFiles(): { regular: string; bold: string } {
  // The entry is <package>/dist/index.cjs; the fonts are in <package>/fonts.
  const root = dirname(dirname(require.resolve('@embedpdf/fonts-sc')));
  return { regular: join(root, 'fonts', 'NotoSansHans-Regular.otf'), bold: join(root, 'fonts', 'NotoSansHans-Bold.otf') };
}

let ready: Promise<PdfMake> | undefined;

async function load(): Promise<PdfMake> {
  const pdfmake = require('pdfmake') as PdfMake;
  const files = fontFiles();
  const [regular, bold] = await Promise.all([readFile(files.regular), readFile(files.bold)]);
  pdfmake.virtualfs.writeFileSync('NotoSansHans-Regular.otf', regular);
  pdfmake.virtualfs.writeFileSync('NotoSansHans-Bold.otf', bold);
  pdfmake.addFonts({ [CJK_FONT]: { normal: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf', italics: 'NotoSansHans-Regular.otf', bolditalics: 'NotoSansHans-Bold.otf' } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

/** pdfmake with the fonts loaded (once per thread: the module state is per worker). */
export function loadPdfMake(): Promise<PdfMake> {
  ready ??= load().catch((err: unknown) => {
    ready = undefined; // a failed load (font package missing) is retried on the next request
    throw err;
  });
  return ready;
}

/** Renders a document definition (default font: Noto Sans Hans) to PDF bytes, on the calling thread. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await loadPdfMake();
  return pdfmake.createPdf({ ...doc, defaultStyle: { font: CJK_FONT, ...doc.defaultStyle } }).getBuffer();
}
