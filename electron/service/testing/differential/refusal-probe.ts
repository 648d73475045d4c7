/**
 * A refusal is a verdict too: what the service refused to issue for name constraints or pathLen is built by
 * other means (@peculiar/x509 directly, the CA chain re-signed with fresh keys and the same names and
 * extensions, every date valid at the evaluation time, no CRLs) and shown to openssl and Go, which should
 * reject it for the same rule. A peer that accepts it, or rejects it for another reason, is a divergence.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { EKU_NAMES } from '../../../core/pki/profiles';
import type { GoVerifyJob, GoVerifyResult } from './go-peer';
import type { GeneratedCa, Hierarchy, PeerPurpose, Refusal } from './hierarchy-generator';
import { opensslCategory, opensslVerifyBatch, type OpensslVerdict } from './openssl-peer';

const DAY = 86_400_000;
const KEY = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN = { name: 'ECDSA', hash: 'SHA-256' };
/** Refusals whose rule both peers enforce on the chain, with the category they should reject for. */
const PROBED: Record<string, string> = {
  NAME_CONSTRAINT_VIOLATION: 'name-constraints',
  PATH_LEN_EXCEEDED: 'path-len',
};

interface Built {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface PendingProbe {
  hierarchy: number;
  refusal: Refusal;
  /** the category the peers should reject for */
  expect: string;
  openssl: OpensslVerdict;
  goJob: GoVerifyJob;
}

const newKeys = (): Promise<CryptoKeyPair> => webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify']);

async function sign(
  subject: x509.Name | string,
  keys: CryptoKeyPair,
  issuer: Built | null,
  extensions: x509.Extension[],
  window: { notBefore: Date; notAfter: Date },
): Promise<x509.X509Certificate> {
  const ids: x509.Extension[] = [
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
  ];
  if (issuer)
    ids.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey, false, webcrypto));
  return x509.X509CertificateGenerator.create(
    {
      subject,
      issuer: issuer ? issuer.cert.subjectName : subject,
      ...window,
      publicKey: keys.publicKey,
      signingKey: (issuer?.keys ?? keys).privateKey,
      signingAlgorithm: SIGN,
      extensions: [...extensions, ...ids],
    },
    webcrypto,
  );
}

const caKeyUsage = (): x509.KeyUsagesExtension =>
  new x509.KeyUsagesExtension(
    x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
    true,
  );

function leafExtensions(request: Extract<Refusal['request'], { kind: 'leaf' }>): x509.Extension[] {
  const ekuNames =
    request.profile === 'server'
      ? ['serverAuth']
      : request.profile === 'client'
        ? ['clientAuth']
        : request.profile === 'service'
          ? ['serverAuth', 'clientAuth']
          : (request.extendedKeyUsages ?? []);
  const kuNames = request.profile === 'custom' ? (request.keyUsages ?? []) : ['digitalSignature'];
  const ku = kuNames.reduce(
    (flags, name) => flags | (x509.KeyUsageFlags[name as keyof typeof x509.KeyUsageFlags] ?? 0),
    0,
  );
  const exts: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(ku, true),
  ];
  if (ekuNames.length) exts.push(new x509.ExtendedKeyUsageExtension(ekuNames.map((n) => EKU_NAMES[n] ?? n)));
  if (request.sans.length)
    exts.push(
      new x509.SubjectAlternativeNameExtension(
        request.sans.map((s) => ({ type: s.type === 'uri' ? 'url' : s.type, value: s.value })),
      ),
    );
  return exts;
}

/** Builds every probe of a group of hierarchies and asks openssl; Go's jobs are returned for one batch run. */
export async function probeRefusals(group: Hierarchy[], workDir: string): Promise<PendingProbe[]> {
  const first = group[0];
  if (!first) return [];
  const at = first.at;
  const caWindow = {
    notBefore: new Date(at.getTime() - 700 * DAY),
    notAfter: new Date(at.getTime() + 4000 * DAY),
  };
  const leafWindow = { notBefore: new Date(at.getTime() - DAY), notAfter: new Date(at.getTime() + 30 * DAY) };
  const roots: string[] = [];
  const intermediates: string[] = [];
  const leaves: { id: string; pem: string; purpose: PeerPurpose }[] = [];
  const probes: Omit<PendingProbe, 'openssl'>[] = [];

  for (const h of group) {
    const rebuilt = new Map<string, Built>();
    const rebuild = async (ca: GeneratedCa): Promise<Built> => {
      const done = rebuilt.get(ca.id);
      if (done) return done;
      const parentCa = ca.parentId ? h.cas.find((c) => c.id === ca.parentId) : undefined;
      const parent = parentCa ? await rebuild(parentCa) : null;
      const original = new x509.X509Certificate(ca.pem);
      const keep = original.extensions.filter(
        // key identifiers are made again for the fresh keys
        (e) => e.type !== '2.5.29.14' && e.type !== '2.5.29.35',
      );
      const keys = await newKeys();
      const built = { cert: await sign(original.subjectName, keys, parent, keep, caWindow), keys };
      rebuilt.set(ca.id, built);
      (parent ? intermediates : roots).push(built.cert.toString('pem') + '\n');
      return built;
    };

    for (const [n, refusal] of h.refusals.entries()) {
      const expect = PROBED[refusal.code];
      const request = refusal.request;
      if (!expect || !request) continue;
      const issuerCa = h.cas.find((c) => c.id === request.issuerId);
      if (!issuerCa) continue;
      let issuer = await rebuild(issuerCa);
      let purpose: PeerPurpose = 'client';
      let leafExts: x509.Extension[];
      let cn = 'probe';
      if (request.kind === 'ca') {
        const keys = await newKeys();
        const exts = [
          new x509.BasicConstraintsExtension(true, request.pathLen ?? undefined, true),
          caKeyUsage(),
        ];
        const cert = await sign(`CN=${request.cn}, O=CertDesk probe`, keys, issuer, exts, caWindow);
        intermediates.push(cert.toString('pem') + '\n');
        issuer = { cert, keys };
        leafExts = leafExtensions({ kind: 'leaf', issuerId: '', profile: 'client', cn, sans: [] });
      } else {
        purpose = request.profile === 'server' ? 'server' : request.profile === 'client' ? 'client' : 'any';
        leafExts = leafExtensions(request);
        cn = request.cn;
      }
      const leafKeys = await newKeys();
      const leaf = await sign(`CN=${cn}`, leafKeys, issuer, leafExts, leafWindow);
      const id = `probe-${h.index}-${n}`;
      const pem = leaf.toString('pem') + '\n';
      leaves.push({ id, pem, purpose });
      probes.push({
        hierarchy: h.index,
        refusal,
        expect,
        goJob: {
          id,
          leaf: pem,
          intermediates,
          roots,
          purpose,
          time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
      });
    }
  }
  if (probes.length === 0) return [];
  const openssl = opensslVerifyBatch({
    dir: path.join(workDir, `probe-${first.index}`),
    roots,
    intermediates,
    crls: null,
    at,
    leaves,
  });
  return probes.map((p) => ({ ...p, openssl: openssl.get(p.goJob.id)! }));
}

/** The refused rule, precise enough that one table row covers one peer rule. */
export function refusalRule(r: Refusal): string {
  if (r.code === 'PATH_LEN_EXCEEDED')
    return /must be below/.test(r.message)
      ? "PATH_LEN_EXCEEDED: a CA pathLen not below its issuer's"
      : "PATH_LEN_EXCEEDED: the issuer's pathLen is used up";
  if (/the CN counts as a host name/.test(r.message)) return `${r.code} on a host-like CN without DNS SAN`;
  const type = /NAME_CONSTRAINT_VIOLATION: (DNS|IP|email|URI):/.exec(r.message)?.[1];
  return type ? `${r.code} on a ${type} SAN` : r.code;
}

export interface ProbeVerdict extends Omit<PendingProbe, 'goJob'> {
  go: GoVerifyResult;
}

/** The probes' disagreements with the refusal: a peer that accepts, or rejects for another rule. */
export function probeDivergences(p: ProbeVerdict): { peer: 'openssl' | 'go'; key: string; detail: string }[] {
  const out: { peer: 'openssl' | 'go'; key: string; detail: string }[] = [];
  const refused = `CertDesk refuses to issue (${refusalRule(p.refusal)})`;
  const detail = [
    `h${p.hierarchy} ${p.refusal.what}: ${p.refusal.message}`,
    `request: ${JSON.stringify(p.refusal.request)}`,
    `openssl: ${p.openssl.ok ? 'OK' : p.openssl.errors.join(' | ')}`,
    `Go: ${p.go.ok ? 'OK' : `${p.go.kind}: ${p.go.error}`}`,
  ].join('\n  ');
  const opensslCategories = [...new Set(p.openssl.errors.map(opensslCategory))].sort();
  if (p.openssl.ok) out.push({ peer: 'openssl', key: `${refused}, openssl accepts`, detail });
  else if (!opensslCategories.includes(p.expect))
    out.push({
      peer: 'openssl',
      key: `${refused}, openssl rejects for ${opensslCategories.join(', ')}`,
      detail,
    });
  if (p.go.ok) out.push({ peer: 'go', key: `${refused}, Go accepts`, detail });
  else if (p.go.kind !== p.expect)
    out.push({ peer: 'go', key: `${refused}, Go rejects for ${p.go.kind ?? 'other'}`, detail });
  return out;
}
