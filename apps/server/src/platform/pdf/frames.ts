// What a document definition cannot carry across a thread: functions. pdfmake takes page footers and
// table-line widths as callbacks, and postMessage cannot clone a function, so a document names them
// here instead ('grid', 'page-dash') and the render worker applies the functions on its side.
import type { Content, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces.js';

/** A document definition with nothing that is a function: the part pdfmake takes as data. */
export type PdfDocument = Omit<TDocumentDefinitions, 'header' | 'footer' | 'background' | 'pageBreakBefore'>;

/**
 * Page footers by name. 'page-dash' is the page number between dashes, centred, as official documents
 * number their pages (GB/T 9704 §7.5 puts "— 1 —" under the text); 'page-of-total' reads 第 1 页 共 3 页.
 */
export const PAGE_FOOTERS = ['page-dash', 'page-of-total'] as const;
export type PageFooter = (typeof PAGE_FOOTERS)[number];

/** One render job as it crosses to a worker: plain data only. */
export interface PdfRequest {
  doc: PdfDocument;
  footer?: PageFooter;
}

/** Table layouts by name, for `layout: 'grid'` in a table node. */
export const TABLE_LAYOUTS: Record<string, CustomTableLayout> = {
  /** Thin ruled grid of forms and statistics tables. */
  grid: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 3, paddingRight: () => 3 },
  /** A form: thin rules and room to write in each cell. */
  form: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, paddingLeft: () => 5, paddingRight: () => 5, paddingTop: () => 5, paddingBottom: () => 5 },
};

function footerOf(name: PageFooter): (page: number, pages: number) => Content {
  switch (name) {
    case 'page-dash':
      return (page) => ({ text: `— ${page} —`, alignment: 'center', fontSize: 10, margin: [0, 16, 0, 0] });
    case 'page-of-total':
      return (page, pages) => ({ text: `第 ${page} 页  共 ${pages} 页`, alignment: 'center', fontSize: 9, margin: [0, 16, 0, 0] });
  }
}

/** The definition pdfmake gets: the data plus the named functions; an unknown name is an error. */
export function applyFrame(req: PdfRequest): TDocumentDefinitions {
  if (req.footer !== undefined && !PAGE_FOOTERS.includes(req.footer)) throw new Error(`unknown page footer '${String(req.footer)}'`);
  return req.footer === undefined ? { ...req.doc } : { ...req.doc, footer: footerOf(req.footer) };
}
