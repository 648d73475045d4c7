/**
 * Builds random CA hierarchies through the service's public channels (the calls the CLI and the UI make),
 * each in its own vault: depth 1–4, random pathLen and name constraints, leaves of every profile with and
 * without SANs, revoked leaves and CAs with published CRLs, expired and not-yet-valid certificates made by
 * moving the service clock. A refusal by the service is a verdict too: it is recorded, not retried.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { KeyAlgorithm, LeafProfile, San } from '../../../../shared/domain/types';
import { makeFixture, PASSPHRASE, type Fixture } from '../service-fixture';
import { cnLooksLikeHost, randomCn, randomNameConstraints, randomSans } from './name-universe';
import type { Random } from './seeded-random';

const DAY = 86_400_000;

/** The peer purpose a leaf is verified for: the one CertDesk's chain view uses for its profile. */
export type PeerPurpose = 'server' | 'client' | 'any';

export interface Window {
  notBefore: number;
  notAfter: number;
}

export interface GeneratedCert {
  id: string;
  cn: string;
  pem: string;
  window: Window;
  /** what the generator meant to exercise, for reading a divergence */
  tags: string[];
}

export interface GeneratedCa extends GeneratedCert {
  parentId: string | null;
  rootId: string;
}

export interface GeneratedLeaf extends GeneratedCert {
  caId: string;
  rootId: string;
  profile: LeafProfile;
  purpose: PeerPurpose;
  sans: San[];
}

/** What was asked, so a refused certificate can be built by other means and shown to the peers. */
export type RefusedRequest =
  | {
      kind: 'leaf';
      issuerId: string;
      profile: LeafProfile;
      cn: string;
      sans: San[];
      keyUsages?: string[];
      extendedKeyUsages?: string[];
    }
  | { kind: 'ca'; issuerId: string; cn: string; pathLen: number | null };

export interface Refusal {
  what: string;
  code: string;
  message: string;
  tags: string[];
  request?: RefusedRequest;
}

export interface Hierarchy {
  index: number;
  fx: Fixture;
  /** the service clock at which every verdict is asked */
  at: Date;
  cas: GeneratedCa[];
  leaves: GeneratedLeaf[];
  /** latest CRL of every CA that could publish one (PEM) */
  crls: string[];
  refusals: Refusal[];
}

type TimeMode = 'valid' | 'expired' | 'not-yet-valid';

/** A clock and validity that give the requested status at `at`, inside the issuer's window; null when impossible. */
function plan(
  rnd: Random,
  mode: TimeMode,
  issuer: Window,
  at: number,
): { clock: number; days: number } | null {
  const room = (from: number): number => Math.floor((issuer.notAfter - from) / DAY) - 1;
  if (mode === 'valid') {
    const clock = Math.max(at - rnd.int(1, 30) * DAY, issuer.notBefore + DAY);
    const max = room(clock);
    const min = Math.ceil((at - clock) / DAY) + 2;
    return clock < at - DAY / 2 && max >= min ? { clock, days: rnd.int(min, Math.min(max, 397)) } : null;
  }
  if (mode === 'expired') {
    const clock = Math.max(at - rnd.int(40, 90) * DAY, issuer.notBefore + DAY);
    const days = Math.min(rnd.int(1, 20), Math.floor((at - clock) / DAY) - 2, room(clock));
    return days >= 1 ? { clock, days } : null;
  }
  const clock = Math.max(at + rnd.int(2, 20) * DAY, issuer.notBefore + DAY);
  const days = Math.min(30, room(clock));
  return days >= 1 ? { clock, days } : null;
}

function pickMode(rnd: Random, weights: [TimeMode, number][]): TimeMode {
  let r = rnd.next() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [mode, w] of weights) {
    r -= w;
    if (r < 0) return mode;
  }
  return weights[0]![0];
}

const keyFor = (rnd: Random): KeyAlgorithm =>
  rnd.chance(0.85) ? 'ec-p256' : rnd.chance(0.5) ? 'ed25519' : 'ec-p384';

function peerPurpose(profile: LeafProfile): PeerPurpose {
  if (profile === 'server') return 'server';
  if (profile === 'client') return 'client';
  return 'any';
}

/** A vault whose service clock the generator moves; several hierarchies may share one (names are unique). */
export interface CorpusVault {
  fx: Fixture;
  setClock(ms: number): void;
  /** disposes of the service and deletes the vault */
  close(): Promise<void>;
}

/**
 * The vault of a corpus lives in memory-backed /dev/shm where there is one: thousands of durable appends
 * otherwise wait on the disk's fsync, which is not what these tests measure.
 */
function scratchDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(path.join(base, 'certdesk-differential-'));
}

export async function openCorpusVault(at: Date): Promise<CorpusVault> {
  let clock = at.getTime();
  const dir = scratchDir();
  const fx = await makeFixture({ dir, now: () => new Date(clock) });
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return {
    fx,
    setClock: (ms) => {
      clock = ms;
    },
    close: async () => {
      await fx.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GenerateOptions {
  index: number;
  rnd: Random;
  at: Date;
  vault: CorpusVault;
  /** always add an unconstrained foreign root with a server and a client leaf (default: one time in four) */
  foreignRoot?: boolean;
}

/** One hierarchy (plus, sometimes, a foreign root with leaves of its own); the clock is left at `at`. */
export async function generateHierarchy({
  index,
  rnd,
  at,
  vault,
  foreignRoot,
}: GenerateOptions): Promise<Hierarchy> {
  const fx = vault.fx;
  const h: Hierarchy = { index, fx, at, cas: [], leaves: [], crls: [], refusals: [] };
  const T = at.getTime();
  const setClock = (ms: number): void => vault.setClock(ms);

  async function attempt<R>(
    what: string,
    tags: string[],
    run: () => Promise<R>,
    request?: RefusedRequest,
  ): Promise<R | null> {
    try {
      return await run();
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const code = /failed: ([A-Z_]+):/.exec(text)?.[1] ?? 'THROWN';
      h.refusals.push({ what, code, message: text, tags, ...(request ? { request } : {}) });
      return null;
    }
  }

  async function createCa(
    name: string,
    parent: GeneratedCa | null,
    tags: string[],
    mode: TimeMode,
    plain = false,
  ): Promise<GeneratedCa | null> {
    const window = parent ? parent.window : { notBefore: T - 700 * DAY, notAfter: T + 4000 * DAY };
    let validity: ChannelInput<'ca:create'>['validity'];
    if (!parent) {
      setClock(mode === 'not-yet-valid' ? T + 5 * DAY : T - 600 * DAY);
      validity = { days: mode === 'expired' ? 400 : 3650 };
    } else if (mode === 'valid') {
      if (window.notBefore + DAY > T - DAY) return null;
      setClock(window.notBefore + DAY);
    } else {
      const p = plan(rnd, mode, window, T);
      if (!p) return null;
      setClock(p.clock);
      const days = mode === 'expired' ? p.days : Math.max(p.days, 60);
      // a not-yet-valid CA takes the default validity, clamped to its issuer, when 60 days do not fit
      validity = p.clock + days * DAY <= window.notAfter ? { days } : undefined;
    }
    const pathLen = plain ? null : rnd.pick([null, null, 0, 1, 2] as const);
    const constraints = !plain && rnd.chance(0.35) ? randomNameConstraints(rnd) : undefined;
    const allTags = [...tags, `ca-${mode}`, `pathLen=${pathLen ?? 'none'}`, ...(constraints ? ['nc'] : [])];
    const r = await attempt(
      `CA ${name}`,
      allTags,
      () =>
        fx.call('ca:create', {
          subject: { cn: name, o: 'CertDesk differential' },
          key: keyFor(rnd),
          pathLen,
          ...(validity ? { validity } : {}),
          ...(parent ? { parentId: parent.id } : {}),
          ...(constraints ? { nameConstraints: constraints } : {}),
        }),
      parent ? { kind: 'ca', issuerId: parent.id, cn: name, pathLen } : undefined,
    );
    if (!r) return null;
    const ca: GeneratedCa = {
      id: r.summary.id,
      cn: name,
      pem: r.pem,
      window: { notBefore: Date.parse(r.summary.notBefore), notAfter: Date.parse(r.summary.notAfter) },
      tags: allTags,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? r.summary.id,
    };
    h.cas.push(ca);
    return ca;
  }

  async function issueLeaf(
    ca: GeneratedCa,
    n: number,
    extraTags: string[],
    profile: LeafProfile = rnd.pick(['server', 'client', 'service', 'custom'] as const),
  ): Promise<void> {
    const mode = pickMode(rnd, [
      ['valid', 8],
      ['expired', 1],
      ['not-yet-valid', 1],
    ]);
    const p = plan(rnd, mode, ca.window, T);
    if (!p) return;
    const cn = randomCn(rnd);
    const needsSan = profile === 'server' || profile === 'service';
    const sans = randomSans(rnd, needsSan ? rnd.chance(0.95) : rnd.chance(0.3));
    const custom =
      profile === 'custom'
        ? {
            keyUsages: rnd.chance(0.7)
              ? ['digitalSignature', ...rnd.subset(['keyEncipherment', 'keyAgreement'], 0.3)]
              : [rnd.pick(['keyEncipherment', 'keyAgreement', 'nonRepudiation', 'dataEncipherment'])],
            extendedKeyUsages: rnd.subset(
              ['serverAuth', 'clientAuth', 'codeSigning', 'emailProtection'],
              0.4,
            ),
          }
        : {};
    const tags = [
      ...extraTags,
      `leaf-${mode}`,
      ...(sans.length === 0 ? ['no-san'] : []),
      ...(cnLooksLikeHost(cn) && !sans.some((s) => s.type === 'dns') ? ['host-cn-without-dns-san'] : []),
    ];
    setClock(p.clock);
    const r = await attempt(
      `leaf ${n} (${profile}) under ${ca.cn}`,
      tags,
      () =>
        fx.call('certs:issue', {
          caId: ca.id,
          profile,
          subject: { cn },
          sans,
          key: keyFor(rnd),
          validity: { days: p.days },
          ...custom,
        }),
      { kind: 'leaf', issuerId: ca.id, profile, cn, sans, ...custom },
    );
    if (!r) return;
    h.leaves.push({
      id: r.summary.id,
      cn,
      pem: r.pem,
      window: { notBefore: Date.parse(r.summary.notBefore), notAfter: Date.parse(r.summary.notAfter) },
      tags,
      caId: ca.id,
      rootId: ca.rootId,
      profile,
      purpose: peerPurpose(profile),
      sans,
    });
  }

  const rootMode = pickMode(rnd, [
    ['valid', 94],
    ['expired', 3],
    ['not-yet-valid', 3],
  ]);
  const root = await createCa(`h${index} Root`, null, ['root'], rootMode);
  if (root) {
    const chain = [root];
    const depth = rnd.int(1, 4);
    for (let level = 1; level < depth; level++) {
      const mode = pickMode(rnd, [
        ['valid', 88],
        ['expired', 6],
        ['not-yet-valid', 6],
      ]);
      const ca = await createCa(`h${index} CA ${level}`, chain.at(-1)!, [`level=${level}`], mode);
      if (!ca) break;
      chain.push(ca);
    }
    const leafCount = rnd.int(4, 6);
    for (let n = 0; n < leafCount; n++) {
      const issuer = rnd.chance(0.6) ? chain.at(-1)! : rnd.pick(chain);
      await issueLeaf(issuer, n, [`depth=${chain.indexOf(issuer) + 1}`]);
    }
  }
  if (foreignRoot ?? rnd.chance(0.25)) {
    const foreign = await createCa(`h${index} Foreign Root`, null, ['foreign-root'], 'valid', foreignRoot);
    if (foreign && foreignRoot) {
      await issueLeaf(foreign, 100, ['foreign-root'], 'server');
      await issueLeaf(foreign, 101, ['foreign-root'], 'client');
    } else if (foreign) for (let n = 0; n < 2; n++) await issueLeaf(foreign, 100 + n, ['foreign-root']);
  }

  // Revocations and CRLs happen at the evaluation time, after everything was issued.
  setClock(T);
  for (const leaf of h.leaves) {
    if (!rnd.chance(0.15)) continue;
    leaf.tags.push('revoked');
    await attempt(`revoke leaf ${leaf.cn}`, leaf.tags, () =>
      fx.call('certs:revoke', { id: leaf.id, reason: 'keyCompromise' }),
    );
  }
  for (const ca of h.cas) {
    if (!ca.parentId || !rnd.chance(0.12)) continue;
    ca.tags.push('revoked');
    await attempt(`revoke CA ${ca.cn}`, ca.tags, () =>
      fx.call('certs:revoke', { id: ca.id, reason: 'cACompromise' }),
    );
  }
  for (const ca of h.cas) {
    const crl = await attempt(`CRL of ${ca.cn}`, ca.tags, () =>
      fx.call('crl:generate', { caId: ca.id, days: 30 }),
    );
    if (crl) h.crls.push(crl.pem);
  }
  return h;
}
