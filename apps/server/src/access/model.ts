// Who may do what, decided in one place. Every API route declares `config.access`: either public, or the
// permission it needs and, for routes about one resource, how that resource's region is found. The hook in
// app.ts enforces it; a route without a declaration refuses to register.
import { regionLevel } from '@ecoenforce/domain';
import type { Role } from '@ecoenforce/contract';

// The roles are named by the API contract (a principal's `role`); this model gives each its permissions.
export { ROLES, type Role } from '@ecoenforce/contract';

export const PERMISSIONS = [
  /** Own account: password, sessions. Every logged-in user. */
  'self',
  /** Regions, enterprises, outlets, points, permits. */
  'registry.read',
  /** Readings, device status, live updates. */
  'monitoring.read',
  /** Raw frames (evidence) and the quarantine. */
  'frames.read',
  'registry.write',
  /** Confirm or dismiss a warning (with a reason). */
  'warnings.decide',
  /** The enterprise's answer to its own warning. */
  'warnings.answer',
  /** Mark spans of its own points' data (2022 marking rules) and withdraw its markings. The enterprise only. */
  'markings.write',
  'users.manage',
  'tokens.manage',
  'audit.read',
  /** Edit rule tables (the risk-score weights). Admin only. */
  'rules.write',
  /** Push electricity-meter readings (POST /api/meter-feed): the analyst role, whose tokens the feed platforms get. */
  'meters.feed',
  /** The dispatch board: tasks, teams and tips of the region (bureau staff). */
  'tasks.read',
  /** Create, assign, reassign and cancel tasks; manage teams' membership through the board. */
  'tasks.dispatch',
  /** Start and finish a task one is assigned to (officers; dispatching roles may act for them). */
  'tasks.work',
  /** Type in a 12369 tip. */
  'tips.write',
  /** See a tip's reporter name and phone: the reporter's identity is confidential by law. */
  'tips.reporter',
  /** Create teams (admin). */
  'teams.manage',
  /** Penalty cases of the region: list, read, documents, fine previews. The staff who take part in cases. */
  'cases.read',
  /** Open a case and act in it as the investigating side (domain roles officer, dispatcher). */
  'cases.work',
  /** Act in a case as the legal reviewer (法制审核, APL 58). */
  'cases.review',
  /** Act in a case as the head: file, decide, approve transfers (APL 57, TRF 5). */
  'cases.decide',
  /** Enforcement statistics of the region (issue 5 §10): bureau staff, analysts and admins included. */
  'stats.read',
  /** Double-random draws of the region, the positive list and officers' conflicts (bureau staff). */
  'draws.read',
  /** Run or void a draw; keep the positive list and officers' conflicts (head, dispatcher). */
  'draws.run',
  /** Typical cases as staff see them, withdrawn ones included. */
  'publication.read',
  /** Preview, publish and withdraw typical cases (head, admin). */
  'publication.write',
  /** Orders to correct (整改) and their daily-penalty rounds: the bureau's of its region, an enterprise's own. */
  'rectification.read',
  /** Submit proof of correction to one's own orders. The enterprise only. */
  'rectification.submit',
  /** Receive the case documents served on one's own enterprise (电子送达): list and download them. The enterprise only. */
  'documents.receive',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BUREAU: Permission[] = ['self', 'registry.read', 'monitoring.read', 'frames.read', 'tasks.read', 'draws.read', 'publication.read', 'rectification.read', 'stats.read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  officer: new Set([...BUREAU, 'tasks.work', 'cases.read', 'cases.work']),
  // Triage of warnings: the dispatcher and the analyst confirm or dismiss (DESIGN.md §2).
  dispatcher: new Set([...BUREAU, 'warnings.decide', 'tasks.dispatch', 'tips.write', 'tips.reporter', 'cases.read', 'cases.work', 'draws.run']),
  analyst: new Set([...BUREAU, 'warnings.decide', 'meters.feed', 'tips.write']),
  legalReviewer: new Set([...BUREAU, 'cases.read', 'cases.review']),
  head: new Set([...BUREAU, 'audit.read', 'warnings.decide', 'tasks.dispatch', 'tips.reporter', 'cases.read', 'cases.decide', 'draws.run', 'publication.write']),
  // Its own enterprise only (scope below), including its own raw frames and warnings, which it may answer.
  // Never the dispatch board: tasks and tips (with their reporters) are the bureau's.
  enterprise: new Set([...BUREAU.filter((p) => p !== 'tasks.read' && p !== 'draws.read' && p !== 'publication.read' && p !== 'stats.read'), 'warnings.answer', 'markings.write', 'rectification.submit', 'documents.receive']),
  // Carbon verification is a later issue; for now a verifier sees the registry of what it is assigned.
  verifier: new Set(['self', 'registry.read']),
  // Everything but speaking for an enterprise.
  // Not tips.reporter: the reporter's identity goes only to those who must call back (dispatcher, head).
  // Not the penalty cases: a case is acted on only by the staff the procedure names (cases.ts maps them).
  // Not draws.run: the draw is an enforcement act of the bureau's head or dispatcher, not of the system's keeper.
  admin: new Set(PERMISSIONS.filter((p) => p !== 'warnings.answer' && p !== 'markings.write' && p !== 'rectification.submit' && p !== 'documents.receive' && p !== 'tips.reporter' && !p.startsWith('cases.') && p !== 'draws.run')),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The resource kinds whose region a route's `:id` param is checked against. */
export type ResourceKind = 'enterprise' | 'point' | 'frame' | 'token' | 'warning' | 'marking' | 'task' | 'case' | 'rectification';

export type Access = { public: true } | { permission: Permission; resource?: ResourceKind };

export interface Principal {
  kind: 'user' | 'token';
  /** users.id, or api_tokens.id for a token. */
  id: number;
  /** The user behind a token (its creator), for the audit log. */
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  enterpriseId: number | null;
  sessionId: string | null;
  csrfToken: string | null;
}

/** What a principal may see: a region subtree and, for enterprise users and verifiers, a set of enterprises. */
export interface Scope {
  /** Leading digits shared by every region code under the principal's region ('44', '4401', '440103'). */
  regionPrefix: string;
  /** Null: every enterprise in the region; otherwise only these (may be empty). */
  enterpriseIds: readonly number[] | null;
}

export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
}

/** Where a resource sits: its region and, when it belongs to one, its enterprise. */
export interface Location {
  /** Null: attributed to no region (a quarantined frame from an unknown logger): province-wide users only. */
  regionCode: string | null;
  enterpriseId: number | null;
  /** A joint task's requesting region: bureau users there may see it too. */
  sharedWithRegion?: string | null;
}

export function canSee(scope: Scope, at: Location): boolean {
  if (at.regionCode === null) return scope.regionPrefix.length === 2 && scope.enterpriseIds === null;
  if (at.sharedWithRegion != null && scope.enterpriseIds === null && at.sharedWithRegion.startsWith(scope.regionPrefix)) return true;
  if (!at.regionCode.startsWith(scope.regionPrefix)) return false;
  if (scope.enterpriseIds === null) return true;
  return at.enterpriseId !== null && scope.enterpriseIds.includes(at.enterpriseId);
}
