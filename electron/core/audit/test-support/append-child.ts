/** Appends `count` audit entries to `path` as fast as it can (cross-process race test). */
import { AuditLog } from '../index';

const [path, countArg, tag] = process.argv.slice(2);
if (!path || !countArg) throw new Error('usage: append-child.ts <audit.jsonl> <count> [tag]');
const log = new AuditLog(path);
for (let i = 0; i < Number(countArg); i++) {
  await log.append({
    time: new Date(Date.UTC(2026, 0, 1)),
    operation: 'issue',
    outcome: 'ok',
    serial: `${tag ?? 'x'}-${i}`,
  });
}
