/**
 * Time fields CertDesk never writes (month 13, second 60, 31 November, GeneralizedTime years outside
 * 1950–2049…), in a leaf or in its root: the engine's certificates re-timed and signed again
 * (testing/retimed.ts), then judged by CertDesk, openssl and Go. CertDesk answers twice: whether it reads
 * the certificates at all (what import and the inspector do), and the path validator's verdict on them as a
 * vault that already holds them would list them.
 */
import path from 'node:path';
import { toPem, validatePath } from '../../../core/pki';
import { readCert } from '../../../core/pki/cert-raw';
import { ctxAt, makeLeaf, makeRoot } from '../../../core/pki/testing/fixtures';
import { retimed } from '../../../core/pki/testing/retimed';
import { goVerify, type GoVerifyResult } from './go-peer';
import { opensslVerifyBatch, type OpensslVerdict } from './openssl-peer';

export interface TimeCase {
  /** what is odd about the time: names the divergence, so one table row covers one peer rule */
  name: string;
  target: 'leaf' | 'root';
  field: 'notBefore' | 'notAfter';
  /** the time as written, UTCTime when 13 characters long (see retimed) */
  text: string;
}

/** Around a clock in December 2026; each out-of-range time would roll over into a date valid at it. */
export const TIME_PROBE_CLOCK = new Date('2026-12-15T12:00:00Z');

export const TIME_CASES: readonly TimeCase[] = [
  { name: 'month 13', target: 'leaf', field: 'notAfter', text: '271301000000Z' },
  { name: 'month 00', target: 'leaf', field: 'notBefore', text: '260001000000Z' },
  { name: 'day 00', target: 'leaf', field: 'notBefore', text: '261200000000Z' },
  { name: 'second 60', target: 'leaf', field: 'notAfter', text: '271231235960Z' },
  { name: 'minute 60', target: 'leaf', field: 'notBefore', text: '261201006000Z' },
  { name: 'hour 24', target: 'leaf', field: 'notAfter', text: '271231240000Z' },
  { name: '31 November', target: 'leaf', field: 'notBefore', text: '261131000000Z' },
  { name: '29 February of a common year', target: 'leaf', field: 'notAfter', text: '270229000000Z' },
  { name: '29 February of a leap year', target: 'leaf', field: 'notAfter', text: '280229000000Z' },
  { name: 'GeneralizedTime year 0050', target: 'leaf', field: 'notBefore', text: '00500101000000Z' },
  {
    name: 'GeneralizedTime notAfter in year 0050',
    target: 'leaf',
    field: 'notAfter',
    text: '00501231235959Z',
  },
  { name: 'GeneralizedTime before 1950', target: 'leaf', field: 'notBefore', text: '19491231235959Z' },
  { name: 'GeneralizedTime within 1950–2049', target: 'leaf', field: 'notBefore', text: '20261201000000Z' },
  { name: 'GeneralizedTime from 2050', target: 'leaf', field: 'notAfter', text: '20500101000000Z' },
  { name: 'GeneralizedTime month 13', target: 'leaf', field: 'notAfter', text: '20501301000000Z' },
  { name: 'UTCTime without seconds', target: 'leaf', field: 'notBefore', text: '2612010000Z' },
  { name: 'fractional seconds', target: 'leaf', field: 'notBefore', text: '20261201000000.5Z' },
  { name: 'an offset instead of Z', target: 'leaf', field: 'notAfter', text: '271201000000+0000' },
  { name: 'month 13', target: 'root', field: 'notAfter', text: '361301000000Z' },
  { name: '31 November', target: 'root', field: 'notBefore', text: '251131000000Z' },
];

export interface CertDeskTimeVerdict {
  ok: boolean;
  /** why it rejects (the refusal or the first failing check) */
  reason: string | null;
}

export interface TimeProbeVerdict {
  case: TimeCase;
  /** import and the inspector: the certificates are read with readCert, then validated */
  certdesk: CertDeskTimeVerdict;
  /** a vault that already holds them: the path validator's verdict as certs:list shows it */
  listed: CertDeskTimeVerdict;
  openssl: OpensslVerdict;
  go: GoVerifyResult;
}

const caseLabel = (c: TimeCase): string => `${c.target} ${c.field} ${c.name}`;

/** Builds every case (a root and a leaf of its own), then asks CertDesk, openssl and Go about each leaf. */
export async function runTimeProbes(workDir: string, goBinary: string): Promise<TimeProbeVerdict[]> {
  const at = TIME_PROBE_CLOCK;
  const ctx = ctxAt(new Date(at.getTime() - 86_400_000));
  const built = [];
  for (const [n, c] of TIME_CASES.entries()) {
    const root = await makeRoot(ctx, { cn: `Time Probe Root ${n}` });
    const host = `probe${n}.example`;
    const leaf = await makeLeaf(ctx, root, 'server', host, [{ type: 'dns', value: host }]);
    const times = { [c.field]: c.text };
    const rootDer =
      c.target === 'root' ? await retimed(root.cert.der, times, root.key.signingKey) : root.cert.der;
    const leafDer =
      c.target === 'leaf' ? await retimed(leaf.cert.der, times, root.key.signingKey) : leaf.cert.der;
    built.push({ id: `time-${n}`, c, rootDer, leafDer });
  }
  const pem = (der: Uint8Array): string => toPem(der, 'CERTIFICATE');
  const time = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const openssl = opensslVerifyBatch({
    dir: path.join(workDir, 'time-probes'),
    roots: built.map((b) => pem(b.rootDer)),
    intermediates: [],
    crls: null,
    at,
    leaves: built.map((b) => ({ id: b.id, pem: pem(b.leafDer), purpose: 'server' as const })),
  });
  const go = new Map(
    goVerify(
      goBinary,
      built.map((b) => ({
        id: b.id,
        leaf: pem(b.leafDer),
        intermediates: [],
        roots: [pem(b.rootDer)],
        purpose: 'server' as const,
        time,
      })),
    ).map((r) => [r.id, r]),
  );
  return built.map((b) => {
    const listed = validatePath(b.leafDer, {
      knownCas: [{ id: 'root', der: b.rootDer }],
      now: at,
      purpose: 'serverAuth',
    });
    let certdesk: CertDeskTimeVerdict;
    try {
      readCert(b.rootDer);
      readCert(b.leafDer);
      certdesk = { ok: listed.ok, reason: listed.firstFailure };
    } catch (e) {
      certdesk = { ok: false, reason: (e as Error).message };
    }
    return {
      case: b.c,
      certdesk,
      listed: { ok: listed.ok, reason: listed.firstFailure },
      openssl: openssl.get(b.id) ?? { ok: false, errors: ['no answer from openssl'] },
      go: go.get(b.id) ?? { id: b.id, ok: false, kind: 'missing', error: 'no answer from Go' },
    };
  });
}

/** Where a peer's accept/reject differs from CertDesk's reading or its listed verdict. */
export function timeProbeDivergences(
  v: TimeProbeVerdict,
): { peer: 'openssl' | 'go'; key: string; detail: string }[] {
  const out: { peer: 'openssl' | 'go'; key: string; detail: string }[] = [];
  const detail = [
    `${caseLabel(v.case)}: "${v.case.text}"`,
    `CertDesk: ${v.certdesk.ok ? 'OK' : v.certdesk.reason}; listed: ${v.listed.ok ? 'valid' : v.listed.reason}`,
    `openssl: ${v.openssl.ok ? 'OK' : v.openssl.errors.join(' | ')}`,
    `Go: ${v.go.ok ? 'OK' : `${v.go.kind}: ${v.go.error}`}`,
  ].join('\n  ');
  const says = (ok: boolean): string => (ok ? 'accepts' : 'rejects');
  for (const [peer, name, peerOk] of [
    ['openssl', 'openssl', v.openssl.ok],
    ['go', 'Go', v.go.ok],
  ] as const) {
    if (peerOk !== v.certdesk.ok)
      out.push({
        peer,
        key: `${name} ${says(peerOk)}, CertDesk ${says(v.certdesk.ok)} a ${caseLabel(v.case)}`,
        detail,
      });
    if (peerOk !== v.listed.ok)
      out.push({
        peer,
        key: `${name} ${says(peerOk)}, CertDesk lists as ${v.listed.ok ? 'valid' : 'invalid'} a ${caseLabel(v.case)}`,
        detail,
      });
  }
  return out;
}
