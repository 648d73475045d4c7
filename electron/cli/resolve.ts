import { certStatus } from '../../shared/domain/expiry';
import { normaliseSerialText } from './serial-text';
import { DEFAULT_SETTINGS, type CertSummary } from '../../shared/domain/types';
import { CliError, EXIT } from './errors';
import type { CliClient } from './client';
import { table } from './io';

function describe(list: CertSummary[], now: Date): string {
  return table(
    list.map((c) => [
      c.id,
      c.cn,
      c.serial,
      c.notAfter.slice(0, 10),
      certStatus(c, now, DEFAULT_SETTINGS.thresholds),
    ]),
  );
}

function current(c: CertSummary): boolean {
  return !c.replacedBy && !c.revoked;
}

/**
 * An ID argument: the vault id, a serial in hex (colons allowed), or a CN. A CN that several certificates
 * share resolves to the single current one (not renewed, not revoked); otherwise the matches are listed.
 */
export async function resolveCert(
  client: CliClient,
  ref: string,
  now: Date,
  kind?: 'ca' | 'leaf',
): Promise<CertSummary> {
  const all = await client.call('certs:list', kind ? { kind } : {});
  const byId = all.find((c) => c.id === ref.toLowerCase());
  if (byId) return byId;
  const serial = normaliseSerialText(ref);
  if (serial) {
    const bySerial = all.filter((c) => normaliseSerialText(c.serial) === serial);
    if (bySerial.length === 1 && bySerial[0]) return bySerial[0];
    if (bySerial.length > 1) throw ambiguous(ref, 'serial', bySerial, now);
  }
  const byCn = all.filter((c) => c.cn === ref);
  const live = byCn.filter(current);
  if (live.length === 1 && live[0]) return live[0];
  if (byCn.length === 1 && byCn[0]) return byCn[0];
  if (byCn.length > 1) throw ambiguous(ref, 'CN', live.length > 1 ? live : byCn, now);
  throw new CliError(
    EXIT.notFound,
    `No ${kind === 'ca' ? 'CA' : 'certificate'} matches "${ref}" (by id, serial or CN); see \`certdesk list\``,
    'NOT_FOUND',
  );
}

function ambiguous(ref: string, by: string, matches: CertSummary[], now: Date): CliError {
  return new CliError(
    EXIT.notFound,
    `"${ref}" matches ${matches.length} certificates by ${by}; use one of these ids:\n${describe(matches, now)}`,
    'NOT_FOUND',
  );
}

/** A CA_NAME argument: a vault CA by CN (or id). */
export async function resolveCa(client: CliClient, name: string, now: Date): Promise<CertSummary> {
  const cas = await client.call('ca:list', {});
  const byId = cas.find((c) => c.id === name.toLowerCase());
  if (byId) return byId;
  const matches = cas.filter((c) => c.cn === name);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) throw ambiguous(name, 'CA name', matches, now);
  const names = cas.map((c) => c.cn).join(', ');
  throw new CliError(
    EXIT.notFound,
    `No CA named "${name}" in the vault${names ? ` (CAs: ${names})` : ' (create one with `certdesk ca create`)'}`,
    'NOT_FOUND',
  );
}
