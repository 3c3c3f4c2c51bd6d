// Electronic service (电子送达, issue 14 item 11): the documents a case issued to the party, as the enterprise
// receives them on its login, and the service status staff see beside each document of the case.

/** The service of one document on its party: when it was served and the first opening (null: not opened yet). */
export interface DocumentService {
  servedAt: number;
  openedAt: number | null;
  /** The enterprise user who first opened it, and their name. */
  openedBy: number | null;
  openedByName: string | null;
}

/** One document served on the caller's enterprise (GET /api/my/documents). */
export interface ServedDocument {
  /** The case document's id: GET /api/my/documents/:id.pdf downloads it. */
  id: number;
  /** DocumentKind of the domain (penalty_decision, …) and its Chinese title. */
  kind: string;
  title: string;
  /** The document's own number (粤环罚〔2026〕12号); null for a kind without one. */
  number: string | null;
  caseId: number;
  caseNumber: string;
  /** When the document was issued (made) and served on the enterprise's login. */
  issuedAt: number;
  servedAt: number;
  openedAt: number | null;
  openedByName: string | null;
  sha256: string;
  size: number;
}

/** GET /api/my/documents: newest first. */
export interface ServedDocumentList {
  items: ServedDocument[];
}
