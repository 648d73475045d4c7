import type { ServiceContext } from './context';

/** main's own box before a previous export is deleted and written again. */
export function confirmReplace(ctx: ServiceContext, dirs: string[]): Promise<boolean> {
  const shown =
    dirs.length > 5 ? `${dirs.slice(0, 5).join(', ')} and ${dirs.length - 5} more` : dirs.join(', ');
  return ctx.dialogs.confirm({
    message: `Replace the previous CertDesk export in ${shown}?`,
    detail: 'Its files are deleted and written again. Files CertDesk did not write are never touched.',
    confirmLabel: 'Replace',
  });
}
