/**
 * Opens a large vault's frames on a worker thread ahead of the parse (issue #15: unlock at 100,000
 * certificates). AES-GCM and inflating were a third of an unlock; done on the second core while the opening
 * thread parses the frames before, they mostly leave its path. The scan (frames.ts) still decides everything:
 * it asks for each frame in order, and an answer the worker prepared is used only for the very frame asked for
 * (same position, same authenticated data); anything else is opened on the spot. A worker that fails or stops
 * only means the remaining frames are opened on the spot.
 */
import type { Worker } from 'node:worker_threads';
import { startEntryWorker } from '../worker-start';
import type { FrameJob, FromFrameWorker, ToFrameWorker } from './frame-jobs';
import { unsealFrame, type Unsealed } from './frame-unseal';
import {
  FLAG_DEFLATE,
  frameAad,
  FRAME_HEADER_BYTES,
  FRAME_OVERHEAD,
  MAX_FRAME_PLAINTEXT,
  TAG_BYTES,
  ZERO_TAG,
  type FrameOpener,
  type FrameRequest,
} from './frames';
import type { CommitSlot, Header } from './header';

/**
 * Below this much committed data the whole scan takes tens of milliseconds, about what starting a worker
 * costs: it is opened on the spot.
 */
export const FRAMES_AHEAD_FROM_BYTES = 4 * 2 ** 20;
/** How far the worker may run ahead of the parse: bounds the inflated plaintexts held at once. */
const AHEAD_FRAMES = 6;

export interface FramesAhead {
  open: FrameOpener;
  /** stops the worker (it zeroes its copy of the key); idempotent */
  close(): void;
  /** how many of the frames asked for so far the worker had opened */
  openedByWorker(): number;
}

/** The frames the commit pointer covers, as their headers lay them out (checked again by the scan). */
function plannedJobs(
  file: Buffer,
  header: Pick<Header, 'checksum' | 'dataStart'>,
  slot: CommitSlot,
): FrameJob[] {
  const end = Math.min(file.length, slot.end);
  const jobs: FrameJob[] = [];
  let pos = header.dataStart;
  let prevTag: Buffer = ZERO_TAG;
  while (end - pos >= FRAME_OVERHEAD) {
    const head = file.subarray(pos, pos + FRAME_HEADER_BYTES);
    const bodyBytes = head.readUInt32BE(0);
    const frameEnd = pos + FRAME_OVERHEAD + bodyBytes;
    if (bodyBytes > MAX_FRAME_PLAINTEXT || frameEnd > end) break;
    jobs.push({
      index: jobs.length,
      headAt: pos,
      ciphertextAt: pos + FRAME_HEADER_BYTES,
      ciphertextBytes: bodyBytes,
      tagAt: frameEnd - TAG_BYTES,
      aad: frameAad(header.checksum, jobs.length, prevTag, head),
      deflated: (head.readUInt8(4) & FLAG_DEFLATE) !== 0,
    });
    prevTag = file.subarray(frameEnd - TAG_BYTES, frameEnd);
    pos = frameEnd;
  }
  return jobs;
}

/**
 * A frame opener for `file` (whose bytes must live in a SharedArrayBuffer: the worker reads them without a
 * copy). Null when the vault is too small to gain from it. `key` is copied for the worker.
 */
export function framesAhead(
  file: Buffer,
  key: Buffer,
  header: Pick<Header, 'checksum' | 'dataStart'>,
  slot: CommitSlot,
  fromBytes: number = FRAMES_AHEAD_FROM_BYTES,
): FramesAhead | null {
  if (!(file.buffer instanceof SharedArrayBuffer) || Math.min(file.length, slot.end) < fromBytes) return null;
  const jobs = plannedJobs(file, header, slot);
  if (jobs.length < 2) return null;
  let worker: Worker | null;
  try {
    worker = startEntryWorker('frame-worker.cjs', 'vault/frame-worker.ts');
  } catch {
    return null;
  }
  let exited = false;
  const ready = new Map<number, Unsealed>();
  const waiting = new Map<number, (u: Unsealed | null) => void>();
  const close = (): void => {
    if (!worker) return;
    const w = worker;
    worker = null;
    w.postMessage({ op: 'stop' } satisfies ToFrameWorker);
    w.unref();
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
    ready.clear();
  };
  worker.on('message', (m: FromFrameWorker) => {
    const u: Unsealed =
      'failure' in m ? { failure: m.failure } : { plaintext: Buffer.from(m.buffer, m.offset, m.bytes) };
    const resolve = waiting.get(m.index);
    if (resolve) {
      waiting.delete(m.index);
      resolve(u);
    } else ready.set(m.index, u);
  });
  // A worker that dies leaves the frames to the opening thread.
  worker.on('error', close);
  worker.on('exit', () => {
    exited = true;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  });
  const keyCopy = Uint8Array.from(key);
  worker.postMessage({
    op: 'start',
    key: keyCopy,
    file: file.buffer,
    jobs,
    ahead: AHEAD_FRAMES,
  } satisfies ToFrameWorker);
  keyCopy.fill(0);

  const prepared = async (request: FrameRequest): Promise<Unsealed | null> => {
    const job = jobs[request.index];
    if (!worker || !job || job.headAt !== request.pos || !Buffer.from(job.aad).equals(request.frame.aad))
      return null;
    worker.postMessage({ op: 'taken', index: request.index } satisfies ToFrameWorker);
    const done = ready.get(request.index);
    if (done) {
      ready.delete(request.index);
      return done;
    }
    if (exited) return null;
    return new Promise((resolve) => waiting.set(request.index, resolve));
  };
  let fromWorker = 0;
  const open: FrameOpener = async (request) => {
    const done = await prepared(request);
    if (!done) return unsealFrame(key, request.frame);
    fromWorker++;
    return done;
  };
  return { open, close, openedByWorker: () => fromWorker };
}
