import type { ChannelInput } from '../../../shared/ipc/contract';
import type { PathChoice } from '../../../shared/ipc/path-grants';
import { api } from './api';

/** Asks main to show its open dialog; null when the operator cancelled (or the dialog failed). */
export async function chooseFile(input: ChannelInput<'dialog:openFile'>): Promise<PathChoice | null> {
  const r = await api().dialog.openFile(input);
  return r.ok && r.value.grant ? r.value : null;
}

/** Asks main to show its folder dialog; null when the operator cancelled (or the dialog failed). */
export async function chooseFolder(input: ChannelInput<'dialog:chooseFolder'>): Promise<PathChoice | null> {
  const r = await api().dialog.chooseFolder(input);
  return r.ok && r.value.grant ? r.value : null;
}

/** Asks main to show its save dialog; null when the operator cancelled (or the dialog failed). */
export async function chooseSaveFile(input: ChannelInput<'dialog:saveFile'>): Promise<PathChoice | null> {
  const r = await api().dialog.saveFile(input);
  return r.ok && r.value.grant ? r.value : null;
}
