/**
 * Worker-thread entry: runs PKCS#12 key derivations for a file being read, so a costly (or hostile) one
 * never blocks the thread that answers the window and the Lock button. Bundled beside main.cjs and
 * certdesk.cjs by scripts/build.mjs; see kdf-thread.ts for how it is started.
 */
import { parentPort } from 'node:worker_threads';
import { pkcs12Kdf } from './pkcs12-kdf';
import { isKdfJobList } from './kdf-jobs';

parentPort?.once('message', (jobs: unknown) => {
  if (!isKdfJobList(jobs)) {
    parentPort?.postMessage({ error: 'malformed key-derivation request' });
    return;
  }
  const keys = jobs.map((j) => pkcs12Kdf(j.alg, j.password, j.salt, j.id, j.iterations, j.length));
  parentPort?.postMessage({ keys });
});
