import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { randomBase62, sha256Hex } from '../security/secrets.js';
import { deleteExpiredTokens, findLiveToken, findSpendableLink, insertToken, spendLink } from './editor.repository.js';

/** How long each kind of token lives (issue 6: links and preview links are short-lived). */
export const EDITOR_TTL = {
  /** An editor link: long enough to copy from a terminal or an e-mail and click. */
  linkSeconds: 15 * 60,
  /** The session a link starts: a working day; a new link is cheap. */
  sessionSeconds: 8 * 60 * 60,
  /** A link to the live preview for a phone. */
  previewSeconds: 60 * 60,
} as const;

/** 32 base62 characters ≈ 190 bits: unguessable, so a fast hash is enough to store it (secrets.ts). */
const newToken = () => randomBase62(32);

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

async function issue(db: Db, clock: Clock, kind: 'link' | 'session' | 'preview', appId: string, label: string, ttlSeconds: number): Promise<IssuedToken> {
  const now = clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  await insertToken(db, { token_hash: sha256Hex(token), kind, app_id: appId, label, created_at: now.toISOString(), expires_at: expiresAt });
  return { token, expiresAt };
}

/** A single-use link into the editor for one application. */
export async function createEditorLink(db: Db, clock: Clock, appId: string, label: string, ttlSeconds: number = EDITOR_TTL.linkSeconds): Promise<IssuedToken> {
  await deleteExpiredTokens(db, clock.now().toISOString());
  return issue(db, clock, 'link', appId, label, ttlSeconds);
}

/** A string that could be one of our tokens: anything longer is not looked up (nor hashed). */
const plausibleToken = (token: string | undefined): token is string => token !== undefined && token !== '' && token.length <= 128;

/** True when `linkToken` is an editor link that can still be spent; spends nothing. */
export async function isSpendableLink(db: Db, clock: Clock, linkToken: string): Promise<boolean> {
  if (!plausibleToken(linkToken)) return false;
  return (await findSpendableLink(db, sha256Hex(linkToken), clock.now().toISOString())) !== undefined;
}

/** Spends a link and starts the editor session it grants; undefined for an unknown, used or expired link. */
export async function startEditorSession(db: Db, clock: Clock, linkToken: string) {
  const link = await spendLink(db, sha256Hex(linkToken), clock.now().toISOString());
  if (!link) return undefined;
  const session = await issue(db, clock, 'session', link.app_id, link.label, EDITOR_TTL.sessionSeconds);
  return { ...session, appId: link.app_id, label: link.label };
}

export async function createPreviewLink(db: Db, clock: Clock, appId: string, label: string): Promise<IssuedToken> {
  return issue(db, clock, 'preview', appId, label, EDITOR_TTL.previewSeconds);
}

export interface EditorPrincipal {
  readonly appId: string;
  readonly label: string;
  readonly expiresAt: string;
}

/** The live session or preview token `token` stands for, if any. */
export async function resolveToken(db: Db, clock: Clock, token: string | undefined, kind: 'session' | 'preview'): Promise<EditorPrincipal | undefined> {
  if (!plausibleToken(token)) return undefined;
  const row = await findLiveToken(db, sha256Hex(token), kind, clock.now().toISOString());
  return row && { appId: row.app_id, label: row.label, expiresAt: row.expires_at };
}
