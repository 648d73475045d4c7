import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PathPurpose } from '../../shared/ipc/path-grants';
import { AppError } from '../../shared/ipc/error-codes';

/** A choice in a native dialog is acted on within seconds; minutes of slack cover a slow operator. */
export const GRANT_LIFETIME_MS = 10 * 60 * 1000;
/** Dialogs are modal, so a handful are ever outstanding; the cap bounds a renderer that loops on them. */
export const MAX_OUTSTANDING_GRANTS = 32;

interface Grant {
  path: string;
  purpose: PathPurpose;
  expiresAt: number;
}

/**
 * Paths the operator picked in main's dialogs, handed to the renderer only as opaque ids. A grant is
 * single-use, short-lived and bound to a purpose: the renderer can ask main to act on a path the operator
 * chose for that very action, never name one itself, replay one, or reuse a read grant to write.
 */
export class GrantStore {
  private readonly grants = new Map<string, Grant>();

  /** `clock` in milliseconds, monotonic; the service's (possibly fixed) wall clock plays no part. */
  constructor(private readonly clock: () => number = () => performance.now()) {}

  issue(path: string, purpose: PathPurpose): string {
    this.dropExpired();
    while (this.grants.size >= MAX_OUTSTANDING_GRANTS) {
      const oldest = this.grants.keys().next().value;
      if (oldest === undefined) break;
      this.grants.delete(oldest);
    }
    // 128 random bits: the renderer cannot guess another choice's id.
    const id = randomBytes(16).toString('base64url');
    this.grants.set(id, { path, purpose, expiresAt: this.clock() + GRANT_LIFETIME_MS });
    return id;
  }

  /**
   * The path behind `id`, consuming the grant whatever the outcome, so a grant presented for the wrong
   * purpose cannot be retried for the right one. `what` names the file in the error ("export folder").
   */
  take(id: string, purpose: PathPurpose, what: string): string {
    const grant = this.grants.get(id);
    this.grants.delete(id);
    if (!grant || grant.expiresAt <= this.clock()) {
      throw new AppError(
        'GRANT_INVALID',
        `The ${what} choice is no longer valid (unknown, already used or expired): choose it again`,
      );
    }
    if (grant.purpose !== purpose) {
      throw new AppError(
        'GRANT_INVALID',
        `The ${what} was chosen for another purpose (${grant.purpose}, not ${purpose}): choose it again`,
      );
    }
    return grant.path;
  }

  /**
   * The path behind `id` WITHOUT consuming it, for read-only looks ahead of the action (an import preview,
   * retried after a mistyped password); the action itself still `take`s it. Same errors as `take`.
   */
  peek(id: string, purpose: PathPurpose, what: string): string {
    const grant = this.grants.get(id);
    if (!grant || grant.expiresAt <= this.clock() || grant.purpose !== purpose)
      return this.take(id, purpose, what);
    return grant.path;
  }

  /** Forgets every grant (lock, quit): a choice made before locking is not acted on after. */
  clear(): void {
    this.grants.clear();
  }

  private dropExpired(): void {
    const now = this.clock();
    for (const [id, g] of this.grants) if (g.expiresAt <= now) this.grants.delete(id);
  }
}
