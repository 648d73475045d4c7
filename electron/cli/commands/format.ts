import { certStatus, daysLeft } from '../../../shared/domain/expiry';
import {
  type CertStatus,
  type CertSummary,
  type ExpiryThresholds,
  type IssueResult,
  type LintFinding,
} from '../../../shared/domain/types';
import type { CliIo } from '../io';
import { println, table } from '../io';
import { sanLabel } from '../../../shared/domain/san-text';

/** The stable `--json` shape of issue, sign-csr, renew and ca create. */
export function issuedJson(r: IssueResult): {
  id: string;
  serial: string;
  cn: string;
  notAfter: string;
  sha256: string;
} {
  return {
    id: r.summary.id,
    serial: r.summary.serial,
    cn: r.summary.cn,
    notAfter: r.summary.notAfter,
    sha256: r.summary.sha256,
  };
}

/** Status with the vault's own thresholds (settings), as the desktop app shows it. */
export function statusOf(c: CertSummary, now: Date, thresholds: ExpiryThresholds): CertStatus {
  return certStatus(c, now, thresholds);
}

export function printIssued(io: CliIo, what: string, r: IssueResult): void {
  const s = r.summary;
  println(io.stdout, `${what} ${s.cn}`);
  println(
    io.stdout,
    table([
      ['  id', s.id],
      ['  serial', s.serial],
      ['  issuer', s.issuer],
      ['  SANs', s.sans.map(sanLabel).join(', ') || '(none)'],
      ['  not after', s.notAfter],
      ['  sha256', s.sha256],
    ]),
  );
  if (r.note) println(io.stderr, `note: ${r.note}`);
  printLint(io, r.lint);
}

export function printLint(io: CliIo, lint: LintFinding[]): void {
  for (const f of lint) if (f.severity !== 'info') println(io.stderr, `${f.severity}: ${f.message}`);
}

export function inventoryRows(list: CertSummary[], now: Date, thresholds: ExpiryThresholds): string[][] {
  return [
    ['ID', 'STATUS', 'KIND', 'PROFILE', 'CN', 'NOT AFTER', 'DAYS', 'ISSUER'],
    ...list.map((c) => [
      c.id,
      statusOf(c, now, thresholds),
      c.kind,
      c.tracked ? 'tracked' : c.profile,
      c.cn,
      c.notAfter.slice(0, 10),
      String(daysLeft(c, now)),
      c.issuer,
    ]),
  ];
}
