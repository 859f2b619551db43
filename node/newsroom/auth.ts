import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords and session tokens. Passwords are kept as scrypt hashes with a per-user random salt;
 * session tokens are random and stored only as their sha256, so a copy of the database does not
 * let anyone in.
 */

export const ROLES = ['reporter', 'editor', 'layout', 'chief', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 8;

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((res, rej) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, SCRYPT, (err, key) => (err ? rej(err) : res(key))));
}

export async function hashPassword(password: string): Promise<{ salt: Buffer; hash: Buffer }> {
  const salt = randomBytes(16);
  return { salt, hash: await scryptAsync(password, salt) };
}

export async function verifyPassword(password: string, salt: Buffer, hash: Buffer): Promise<boolean> {
  const key = await scryptAsync(password, salt);
  return key.length === hash.length && timingSafeEqual(key, hash);
}

/** Work as long as a real check, for a login that names nobody (no timing hint that a login exists). */
const dummySalt = randomBytes(16);
export async function burnPasswordCheck(password: string): Promise<void> {
  await scryptAsync(password, dummySalt);
}

/** The reason a password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'a password can have at most 1024 characters';
  return null;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
