/**
 * A .p12 read while the window stays live (issue #13): the costliest PKCS#12 file CertDesk still reads
 * (legacy 3DES + SHA-1 MAC at the 1,000,000-iteration cap: five PKCS#12 KDF runs) is inspected through the
 * dispatcher while app:info is pinged every 5 ms, as the renderer's IPC would be; then a hostile one
 * (2^31−1 MAC iterations) is refused. The idle figure of the same process and run is the peer.
 * Run alone: `tsx bench/hostile-p12.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AsnConvert } from '@peculiar/asn1-schema';
import { PFX } from '@peculiar/asn1-pfx';
import { createCertDeskService } from '../electron/service';
import { createDispatcher } from '../electron/service/dispatch';
import { AppError } from '../shared/ipc/error-codes';
import { selfSignedP256Args } from '../electron/core/pki/testing/openssl';
import { probe } from './event-loop';
import { check, ms, percentile, scratchDir, renderSection, type BenchSection } from './lib';

function legacyP12(dir: string, iterations: number): string {
  const sh = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  sh(selfSignedP256Args({ cn: 'p12 bench', key: 'k.pem', cert: 'c.pem' }));
  const out = `legacy-${iterations}.p12`;
  sh(
    ['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-certpbe', 'PBE-SHA1-3DES']
      .concat(['-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-iter', String(iterations)])
      .concat(['-passout', 'pass:bench pass', '-out', out]),
  );
  return path.join(dir, out);
}

export async function run(): Promise<BenchSection> {
  const s = scratchDir('hostile-p12');
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: path.join(s.dir, 'v.certdesk'),
    appVersion: 'bench',
    platform: process.platform,
    kdf: { N: 2 ** 10, r: 8, p: 1 },
  });
  const dispatch = createDispatcher({
    ...service.handlers,
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
  });
  try {
    const created = await dispatch('vault:create', { passphrase: 'bench passphrase 1234' });
    if (!created.ok) throw new Error(created.error.message);
    const costly = legacyP12(s.dir, 1_000_000);
    const pfx = AsnConvert.parse(readFileSync(costly), PFX);
    pfx.macData.iterations = 2 ** 31 - 1;
    const hostile = path.join(s.dir, 'hostile.p12');
    writeFileSync(hostile, new Uint8Array(AsnConvert.serialize(pfx)));
    const inspect = (file: string): Promise<{ ok: boolean; ms: number; message: string }> => {
      const t = performance.now();
      return dispatch('inspect:file', {
        fileGrant: service.grantPath(file, 'read-file'),
        passphrase: 'bench pass',
      }).then((r) => ({ ok: r.ok, ms: performance.now() - t, message: r.ok ? '' : r.error.message }));
    };

    const idle = await probe(dispatch, new Promise((r) => setTimeout(r, 1000)));
    const reading = inspect(costly);
    const busy = await probe(dispatch, reading);
    const read = await reading;
    if (!read.ok) throw new Error(`the 1,000,000-iteration file was not read: ${read.message}`);
    const refusing = inspect(hostile);
    const duringRefusal = await probe(dispatch, refusing);
    const refused = await refusing;

    const p99 = percentile(busy, 99);
    const idleP99 = percentile(idle, 99);
    return {
      title: 'PKCS#12 reading and the event loop',
      rows: [
        {
          metric: `IPC round-trip p99 (app:info every 5 ms) while a 1,000,000-iteration legacy .p12 is read`,
          value: `${ms(p99)} ms`,
          versus: `idle p99 ${ms(idleP99)} ms`,
          ratio: `${(p99 / Math.max(idleP99, 0.001)).toFixed(1)}× idle`,
          target: `< 50 ms ${check(p99 < 50)}`,
        },
        {
          metric: 'time to read that file (five PKCS#12 KDF runs on a worker thread)',
          value: `${ms(read.ms)} ms`,
          versus: '',
          ratio: '',
          target: '',
        },
        {
          metric: 'time to refuse a .p12 asking for 2^31−1 MAC iterations',
          value: `${ms(refused.ms)} ms`,
          versus: `max IPC wait meanwhile ${ms(duringRefusal.at(-1) ?? 0)} ms`,
          ratio: '',
          target: `refused ${check(!refused.ok && /2147483647/.test(refused.message))}`,
        },
      ],
      notes: [`${busy.length} probes during the read, ${idle.length} idle.`],
    };
  } finally {
    await service.dispose();
    s.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderSection(await run()));
}
