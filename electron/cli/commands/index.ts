import type { Command } from '../command';
import { auditAcknowledgeCommand, auditVerifyCommand } from './audit-verify';
import { caCreateCommand } from './ca-create';
import { caImportCommand } from './ca-import';
import { caImportAnchorCommand } from './ca-import-anchor';
import { caListCommand } from './ca-list';
import { checkMtlsCommand } from './check-mtls';
import { crlCommand } from './crl';
import { expiringCommand } from './expiring';
import { exportCommand } from './export';
import { importEasyRsaCommand, importXcaCommand } from './import';
import { initCommand } from './init';
import { inspectCommand } from './inspect';
import { issueCommand } from './issue';
import { listCommand } from './list';
import {
  recoveryCreateCommand,
  recoveryRemoveCommand,
  recoveryRotateCommand,
  recoveryStatusCommand,
} from './recovery';
import { recoveryDrillCommand, recoveryRestoreCommand } from './recovery-shares';
import { renewCommand } from './renew';
import { revokeCommand } from './revoke';
import { showCommand } from './show';
import { signCsrCommand } from './sign-csr';
import { trackCommand, untrackCommand } from './track';
import { trustBundleCommand } from './trust-bundle';

export const COMMANDS: readonly Command[] = [
  initCommand,
  caCreateCommand,
  caImportCommand,
  caImportAnchorCommand,
  caListCommand,
  issueCommand,
  signCsrCommand,
  listCommand,
  showCommand,
  inspectCommand,
  renewCommand,
  revokeCommand,
  crlCommand,
  exportCommand,
  trustBundleCommand,
  expiringCommand,
  trackCommand,
  untrackCommand,
  auditVerifyCommand,
  auditAcknowledgeCommand,
  checkMtlsCommand,
  importXcaCommand,
  importEasyRsaCommand,
  recoveryCreateCommand,
  recoveryStatusCommand,
  recoveryDrillCommand,
  recoveryRestoreCommand,
  recoveryRotateCommand,
  recoveryRemoveCommand,
];
