// Who a principal is in the audit trail: a user or an API token, by id and name.
import type { Principal } from '../access/index.ts';
import type { AuditActor } from '../platform/audit.ts';

export function actorOf(p: Principal): AuditActor {
  return { kind: p.kind, id: p.kind === 'user' ? p.userId : p.id, name: p.username };
}
