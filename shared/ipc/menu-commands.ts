/**
 * Command ids main sends as the payload of the `menu:command` event (`{ command }`). The renderer maps each
 * to the same action as its on-screen button; main never trusts anything sent back.
 */
export const MENU_COMMANDS = ['new-vault', 'open-vault', 'import', 'export', 'lock', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
