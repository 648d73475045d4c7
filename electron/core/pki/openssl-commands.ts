/**
 * "Equivalent openssl commands" for the review step: shell lines that reproduce an issuance with the
 * openssl CLI (genpkey, req, x509 -req with an extfile), in the seed chapter's style and file names.
 */
import type { KeyAlgorithm, NameConstraintsSpec, SubjectFields } from '../../../shared/domain/types';
import { formatIp, parseCidr } from '../../../shared/domain/san';
import { sanLabel } from '../../../shared/domain/san';
import { PROFILE_DEFS } from './profiles';
import type { OpensslCommandRequest } from './types';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function subjArg(s: SubjectFields): string {
  const esc = (v: string): string => v.replace(/[\\/=+]/g, (c) => `\\${c}`);
  const parts: string[] = [];
  for (const [k, label] of [
    ['c', 'C'],
    ['st', 'ST'],
    ['l', 'L'],
    ['o', 'O'],
    ['ou', 'OU'],
    ['cn', 'CN'],
  ] as const) {
    const v = s[k]?.trim();
    if (v) parts.push(`/${label}=${esc(v)}`);
  }
  return quote(parts.join(''));
}

function genpkey(alg: KeyAlgorithm, out: string): string {
  switch (alg) {
    case 'ec-p256':
      return `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ${out}`;
    case 'ec-p384':
      return `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ${out}`;
    case 'ed25519':
      return `openssl genpkey -algorithm ED25519 -out ${out}`;
    default:
      return `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:${alg.slice(4)} -out ${out}`;
  }
}

const digestFlag = (issuer: KeyAlgorithm): string[] =>
  issuer === 'ed25519' ? [] : issuer === 'ec-p384' ? ['-sha384'] : ['-sha256'];

function ncLine(nc: NameConstraintsSpec | undefined): string | null {
  if (!nc) return null;
  const items: string[] = [];
  const ip = (cidr: string): string => {
    const c = parseCidr(cidr);
    return c ? `${formatIp(c.address)}/${formatIp(c.mask)}` : cidr;
  };
  for (const [kind, list] of [
    ['permitted', nc.permittedDns],
    ['excluded', nc.excludedDns],
  ] as const)
    for (const v of list ?? []) items.push(`${kind};DNS:${v}`);
  for (const [kind, list] of [
    ['permitted', nc.permittedIp],
    ['excluded', nc.excludedIp],
  ] as const)
    for (const v of list ?? []) items.push(`${kind};IP:${ip(v)}`);
  for (const [kind, list] of [
    ['permitted', nc.permittedEmail],
    ['excluded', nc.excludedEmail],
  ] as const)
    for (const v of list ?? []) items.push(`${kind};email:${v}`);
  for (const [kind, list] of [
    ['permitted', nc.permittedUri],
    ['excluded', nc.excludedUri],
  ] as const)
    for (const v of list ?? []) items.push(`${kind};URI:${v}`);
  return items.length ? `nameConstraints = critical, ${items.join(', ')}` : null;
}

/** Shell lines reproducing an issuance with openssl (genpkey, req, x509 -req with an extfile). */
export function opensslCommandsFor(r: OpensslCommandRequest): string[] {
  const def = PROFILE_DEFS[r.profile];
  const name = r.name ?? (r.profile === 'root' ? 'ca' : r.profile);
  const key = `${name}.key`;
  const isRsa = r.keyAlgorithm?.startsWith('rsa') ?? false;
  const kus =
    r.profile === 'custom' && r.keyUsages
      ? r.keyUsages
      : def.isCa
        ? def.keyUsages
        : isRsa
          ? [...def.keyUsages, 'keyEncipherment']
          : def.keyUsages;
  const ekus = r.profile === 'custom' ? (r.extendedKeyUsages ?? []) : def.extendedKeyUsages;
  const ext: string[] = [];
  if (def.isCa)
    ext.push(
      `basicConstraints = critical, CA:TRUE${r.pathLen !== null && r.pathLen !== undefined ? `, pathlen:${r.pathLen}` : ''}`,
    );
  else ext.push('basicConstraints = critical, CA:FALSE');
  ext.push(`keyUsage = critical, ${kus.join(', ')}`);
  if (ekus.length) ext.push(`extendedKeyUsage = ${ekus.join(', ')}`);
  if (r.sans?.length) ext.push(`subjectAltName = ${r.sans.map(sanLabel).join(',')}`);
  ext.push('subjectKeyIdentifier = hash');
  const nc = def.isCa ? ncLine(r.nameConstraints) : null;
  if (nc) ext.push(nc);

  const lines: string[] = [];
  if (!r.fromCsr) lines.push(genpkey(r.keyAlgorithm ?? 'ec-p256', key));
  if (r.profile === 'root') {
    ext.push('authorityKeyIdentifier = keyid:always');
    lines.push(`cat > ${name}.ext <<'EOF'\n[v3]\n${ext.join('\n')}\nEOF`);
    lines.push(
      [
        'openssl req -x509 -new',
        `-key ${key}`,
        ...digestFlag(r.keyAlgorithm ?? 'ec-p256'),
        `-days ${r.validityDays}`,
        `-subj ${subjArg(r.subject)}`,
        `-config ${name}.ext -extensions v3`,
        `-out ${name}.crt`,
      ].join(' '),
    );
    return lines;
  }
  ext.push('authorityKeyIdentifier = keyid');
  const csr = r.fromCsr ? 'request.csr' : `${name}.csr`;
  if (!r.fromCsr) lines.push(`openssl req -new -key ${key} -subj ${subjArg(r.subject)} -out ${csr}`);
  lines.push(`cat > ${name}.ext <<'EOF'\n${ext.join('\n')}\nEOF`);
  lines.push(
    [
      'openssl x509 -req',
      `-in ${csr}`,
      `-CA ${r.issuerName ?? 'ca'}.crt -CAkey ${r.issuerName ?? 'ca'}.key -CAcreateserial`,
      `-out ${name}.crt`,
      `-days ${r.validityDays}`,
      ...digestFlag(r.issuerKeyAlgorithm ?? 'ec-p256'),
      `-extfile ${name}.ext`,
    ].join(' '),
  );
  return lines;
}
