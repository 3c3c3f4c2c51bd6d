// Accounts' surface: users and their enforcement certificates, passwords, sessions and API tokens, the
// login throttle and the audit actor of a principal.
export { Throttle } from './login-throttle.ts';
export { PasswordPolicyError } from './passwords.ts';
export { actorOf } from './actor.ts';
export { API_TOKEN_PREFIX, SESSION_COOKIE, randomToken, sameSecret, sessionPrincipal, sha256, tokenPrincipal } from './sessions.ts';
export { UserError, activeStaffCovering, createUser, isRole, setCertificateNo, userNames } from './users.ts';
export type { StaffMember } from './users.ts';
