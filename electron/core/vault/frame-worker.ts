/**
 * Worker-thread entry: opens (decrypts, inflates) the frames of a vault being unlocked ahead of the thread
 * that parses them (frame-thread.ts). Bundled beside main.cjs and certdesk.cjs by scripts/build.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { FRAME_HEADER_BYTES, TAG_BYTES, unsealFrame } from './frame-unseal';
import { isToFrameWorker, type FrameJob, type FromFrameWorker } from './frame-jobs';

/** The Buffer pool's size: a plaintext in a buffer this small or smaller may share it, so it is copied. */
const POOLED_UP_TO = 8 * 1024;

let key: Uint8Array | null = null;
let file: Buffer | null = null;
let jobs: FrameJob[] = [];
let next = 0;
let taken = -1;
let ahead = 0;

function stop(): void {
  key?.fill(0);
  key = null;
  parentPort?.close();
}

function post(job: FrameJob): void {
  const f = file!;
  const opened = unsealFrame(key!, {
    head: f.subarray(job.headAt, job.headAt + FRAME_HEADER_BYTES),
    aad: job.aad,
    ciphertext: f.subarray(job.ciphertextAt, job.ciphertextAt + job.ciphertextBytes),
    tag: f.subarray(job.tagAt, job.tagAt + TAG_BYTES),
    deflated: job.deflated,
  });
  if ('failure' in opened) {
    parentPort?.postMessage({ index: job.index, failure: opened.failure } satisfies FromFrameWorker);
    return;
  }
  const p = opened.plaintext;
  const own = p.buffer.byteLength > POOLED_UP_TO && !(p.buffer instanceof SharedArrayBuffer);
  const buffer = own ? p.buffer : new Uint8Array(p).buffer;
  const m: FromFrameWorker = {
    index: job.index,
    buffer,
    offset: own ? p.byteOffset : 0,
    bytes: p.byteLength,
  };
  parentPort?.postMessage(m, [buffer]);
}

/**
 * Opens frames while it is at most `ahead` frames in front of the parser (a failure is answered like a
 * plaintext: the scan decides what it means), and stops once every frame is answered.
 */
function run(): void {
  while (key && next < jobs.length && next - taken <= ahead) {
    const job = jobs[next++]!;
    post(job);
  }
  if (next >= jobs.length) stop();
}

parentPort?.on('message', (m: unknown) => {
  if (!isToFrameWorker(m)) return stop();
  if (m.op === 'stop') return stop();
  if (m.op === 'taken') {
    taken = Math.max(taken, m.index);
  } else {
    key = m.key;
    file = Buffer.from(m.file);
    jobs = m.jobs;
    ahead = m.ahead;
  }
  run();
});
