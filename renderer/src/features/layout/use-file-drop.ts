import { useEffect, useState } from 'react';
import { useAppStore } from '../../store';
import { droppedFileToText } from './file-drop';

/** Largest file read for inspection; main refuses payloads over 4 MiB anyway (MAX_PAYLOAD_BYTES). */
const MAX_DROP_BYTES = 2 * 1024 * 1024;

/** One file at a time, in drop order, so the dialog lists the outcomes as the files were given. */
async function trackAll(files: File[]): Promise<void> {
  const s = useAppStore.getState();
  for (const file of files) {
    if (file.size > MAX_DROP_BYTES) {
      s.pushToast(
        'error',
        `${file.name} is ${Math.round(file.size / 1024)} KiB: files over 2 MiB cannot be tracked.`,
      );
      continue;
    }
    await s.trackDropped(droppedFileToText(new Uint8Array(await file.arrayBuffer())), file.name);
  }
}

/**
 * Drag-and-drop anywhere on the window: the file is read in the renderer (no path access in a sandboxed
 * renderer) and sent to inspect:text; the Inspect page shows the result. While "Track certificates…" is
 * open, every dropped file is tracked instead. Returns true while a drag hovers.
 */
export function useFileDrop(enabled: boolean): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent): void => {
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      const s = useAppStore.getState();
      if (s.trackingOpen) {
        void trackAll(Array.from(e.dataTransfer?.files ?? []));
        return;
      }
      s.navigate('inspect');
      if (file.size > MAX_DROP_BYTES) {
        s.pushToast(
          'error',
          `${file.name} is ${Math.round(file.size / 1024)} KiB: files over 2 MiB cannot be inspected.`,
        );
        return;
      }
      void file.arrayBuffer().then((buf) => s.inspectText(droppedFileToText(new Uint8Array(buf)), file.name));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled]);
  return dragging;
}
