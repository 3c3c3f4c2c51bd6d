// Password hashing: argon2id (@node-rs/argon2, its binary ships in the package). Parameters follow the
// OWASP minimum for argon2id (19 MiB, t=2, p=1): ≈ 15 ms a hash here, so a login costs little while a
// stolen table costs an attacker the same per guess.
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package declares its enum as an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordPolicyError extends Error {
  readonly code = 'weak_password';
}

export function checkPasswordPolicy(password: string, username: string): void {
  if (password.length < 10) throw new PasswordPolicyError('a password needs at least 10 characters');
  if (password.length > 200) throw new PasswordPolicyError('a password may have at most 200 characters');
  if (password.toLowerCase().includes(username.toLowerCase())) throw new PasswordPolicyError('a password must not contain the user name');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which names exist. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-0');
  return dummy;
}
