/**
 * Fault-injection child: opens a vault for writing and appends numbered records forever, printing
 * `ack <last>` after each durable append, so the parent can SIGKILL it at a random moment and check that every
 * acknowledged record survived. Usage: writer-child.ts <vault> <passphrase> [compactEvery]
 */
import { openVault } from '../index';

const [path, passphrase, compactEveryArg] = process.argv.slice(2);
if (!path || !passphrase) throw new Error('usage: writer-child.ts <vault> <passphrase> [compactEvery]');
const compactEvery = Number(compactEveryArg ?? '0');

const { vault, records } = await openVault(path, passphrase);
let next = records.length;
process.stdout.write(`ready ${next}\n`);
let round = 0;
for (;;) {
  round++;
  // Varying sizes: most appends small, some large enough that a kill can land inside the write itself.
  const count = round % 7 === 0 ? 200 : 1 + (round % 5);
  const pad = round % 11 === 0 ? 'x'.repeat(20_000) : 'y'.repeat(100);
  const batch = Array.from({ length: count }, (_, k) => ({ type: 'n', data: { i: next + k, pad } }));
  await vault.append(batch);
  next += count;
  process.stdout.write(`ack ${next - 1}\n`);
  if (compactEvery > 0 && round % compactEvery === 0) {
    await vault.compact();
    process.stdout.write('compacted\n');
  }
}
