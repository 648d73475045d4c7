/**
 * The names a generated hierarchy draws from: constraint subtrees and leaf names chosen so that a random
 * pick lands inside, outside or in an excluded part of a subtree often enough to exercise every branch.
 */
import type { NameConstraintsSpec, San } from '../../../../shared/domain/types';
import type { Random } from './seeded-random';

const DNS_PERMITTED = ['corp.example', 'internal.example'];
const DNS_EXCLUDED = ['secret.corp.example', 'legacy.internal.example'];
const IP_PERMITTED = ['10.0.0.0/8', '192.168.0.0/16'];
const IP_EXCLUDED = ['10.66.0.0/16'];
const EMAIL_PERMITTED = ['corp.example', '.internal.example'];
const EMAIL_EXCLUDED = ['ceo@corp.example'];
const URI_PERMITTED = ['corp.example', '.internal.example'];
const URI_EXCLUDED = ['secret.corp.example'];

export const DNS_NAMES = [
  'api.corp.example',
  'corp.example',
  'db.internal.example',
  'x.secret.corp.example',
  'legacy.internal.example',
  'www.public.example',
  'localhost',
];
const IPS = ['10.1.2.3', '10.66.1.1', '192.168.1.10', '172.16.0.5', '127.0.0.1', '2001:db8::1'];
const EMAILS = ['ops@corp.example', 'ceo@corp.example', 'ops@mail.internal.example', 'ops@public.example'];
const URIS = [
  'https://svc.corp.example/path',
  'spiffe://corp.example/ns/a',
  'https://a.internal.example/',
  'https://secret.corp.example/x',
  'https://www.public.example/',
];
/** CNs: host names (in and out of the subtrees above) and plain labels that are not host names. */
const CNS = [...DNS_NAMES, 'Billing Service', 'ops team', 'svc-01'];

/** A random mix of permitted and excluded subtrees over one to three name types. */
export function randomNameConstraints(rnd: Random): NameConstraintsSpec {
  const nc: NameConstraintsSpec = {};
  const both = <K extends keyof NameConstraintsSpec>(
    permittedKey: K,
    excludedKey: K,
    permitted: string[],
    excluded: string[],
  ): void => {
    const mode = rnd.int(0, 2); // 0 permitted, 1 excluded, 2 both
    if (mode !== 1) nc[permittedKey] = [rnd.pick(permitted)];
    if (mode !== 0) nc[excludedKey] = [rnd.pick(excluded)];
  };
  const types = rnd.subset(['dns', 'ip', 'email', 'uri'] as const, 0.45);
  if (types.length === 0) types.push('dns');
  for (const t of types) {
    if (t === 'dns') both('permittedDns', 'excludedDns', DNS_PERMITTED, DNS_EXCLUDED);
    if (t === 'ip') both('permittedIp', 'excludedIp', IP_PERMITTED, IP_EXCLUDED);
    if (t === 'email') both('permittedEmail', 'excludedEmail', EMAIL_PERMITTED, EMAIL_EXCLUDED);
    if (t === 'uri') both('permittedUri', 'excludedUri', URI_PERMITTED, URI_EXCLUDED);
  }
  return nc;
}

/** Zero to three SANs of mixed types, no duplicates. */
export function randomSans(rnd: Random, atLeastOne: boolean): San[] {
  const count = rnd.int(atLeastOne ? 1 : 0, 3);
  const out: San[] = [];
  for (let i = 0; i < count; i++) {
    const type = rnd.pick(['dns', 'dns', 'dns', 'ip', 'email', 'uri'] as const);
    const pool = type === 'dns' ? DNS_NAMES : type === 'ip' ? IPS : type === 'email' ? EMAILS : URIS;
    const value = rnd.pick(pool);
    if (!out.some((s) => s.type === type && s.value === value)) out.push({ type, value });
  }
  return out;
}

export function randomCn(rnd: Random): string {
  return rnd.pick(CNS);
}

/** True for a CN that openssl treats as a host name (checked against DNS name constraints without a DNS SAN). */
export function cnLooksLikeHost(cn: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(cn);
}
