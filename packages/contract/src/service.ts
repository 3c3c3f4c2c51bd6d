// Electronic service (电子送达, issue 14 item 11): the documents a case issued to the party, as the enterprise
// receives them on its login, and the service status staff see beside each document of the case.

/**
 * How a document reached the party's login: 'electronic' is service (电子送达, a consent was in force when it
 * was served: APL art. 61 ¶2); 'copy' is a copy for the party's convenience, the bureau serves it another way.
 */
export type ServiceMode = 'electronic' | 'copy';

/** The service of one document on its party: when it was served and the first opening (null: not opened yet). */
export interface DocumentService {
  mode: ServiceMode;
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
  mode: ServiceMode;
  servedAt: number;
  openedAt: number | null;
  openedByName: string | null;
  sha256: string;
  size: number;
}

/** GET /api/my/documents: newest first, a page at a time (nextCursor null on the last page). */
export interface ServedDocumentList {
  items: ServedDocument[];
  nextCursor: string | null;
  total: number;
}

/** What the enterprise signs to accept electronic service (电子送达确认书). */
export interface ServiceConsentInput {
  /** Who signs for the enterprise and in what capacity (法定代表人, 委托代理人 …). */
  signerName: string;
  signerTitle: string;
  phone: string;
  email?: string | null;
  /** The address for service on paper (送达地址), confirmed with the consent. */
  address: string;
}

/** A signed consent, in force until withdrawn. */
export interface ServiceConsent extends Required<ServiceConsentInput> {
  id: number;
  signedAt: number;
  signedByName: string | null;
  withdrawnAt: number | null;
  withdrawnByName: string | null;
}

/** GET /api/my/service-consent: the consent in force (null: none), earlier ones, and the form's defaults. */
export interface ServiceConsentState {
  consent: ServiceConsent | null;
  history: ServiceConsent[];
  /** Pre-fill of the form: the enterprise's name, its registered address and legal representative, from the registry. */
  defaults: { enterpriseName: string; address: string; signerName: string; signerTitle: string };
}
