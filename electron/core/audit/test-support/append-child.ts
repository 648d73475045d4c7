/** Appends `count` keyed audit entries to `path` as fast as it can (cross-process race test). */
import { AuditLog, GENESIS_HASH, type AuditTip } from '../index';

const [path, countArg, tag, keyHex] = process.argv.slice(2);
if (!path || !countArg || !keyHex)
  throw new Error('usage: append-child.ts <audit.jsonl> <count> <tag> <key hex>');
const log = new AuditLog(path, { keys: [Buffer.from(keyHex, 'hex')] });
let tip: AuditTip = { count: 0, hash: GENESIS_HASH, lineStart: 0, end: 0 };
for (let i = 0; i < Number(countArg); i++) {
  tip = (
    await log.append(
      { time: new Date(Date.UTC(2026, 0, 1)), operation: 'issue', outcome: 'ok', serial: `${tag}-${i}` },
      tip,
    )
  ).tip;
}
