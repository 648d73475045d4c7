import type { AppCommand, MenuCommand } from './events';

/** Why a change to the vault is refused while a damaged vault is open read-only. */
export const READ_ONLY_REASON = 'Vault is read-only: lock it to repair or restore before changing anything';

/**
 * Commands that start a change to the vault, as their on-screen buttons do ("Issue certificate", "Import CA…").
 * Going to a page (Ctrl+1 … Ctrl+9, like the side navigation) is not one: the page shows those buttons
 * disabled with the reason.
 */
const WRITE_COMMANDS: ReadonlySet<AppCommand | MenuCommand> = new Set<AppCommand | MenuCommand>([
  'issue',
  'import',
]);

/**
 * The reason a keyboard shortcut or menu command is refused, or null when it may run. A read-only vault
 * refuses every write command with the same reason its disabled buttons give, instead of opening a form
 * whose submit button would then be disabled.
 */
export function readOnlyRefusal(command: AppCommand | MenuCommand, readOnly: boolean): string | null {
  return readOnly && WRITE_COMMANDS.has(command) ? READ_ONLY_REASON : null;
}
