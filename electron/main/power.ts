import type { PowerMonitor } from 'electron';

/**
 * Locks the vault when the operator has walked away (screen locked) or the machine is about to sleep, when
 * memory may be written to disk or the device carried off. Unlocked keys are dropped by service.lock.
 */
export function lockOnPowerEvents(
  powerMonitor: Pick<PowerMonitor, 'on'>,
  lock: (reason: string) => void,
): void {
  powerMonitor.on('lock-screen', () => lock('screen locked'));
  powerMonitor.on('suspend', () => lock('system suspending'));
}
