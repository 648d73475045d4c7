import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockOnPowerEvents } from './power';

describe('lockOnPowerEvents', () => {
  it('locks the vault when the screen locks and when the system suspends, and on nothing else', () => {
    const monitor = new EventEmitter();
    const reasons: string[] = [];
    lockOnPowerEvents(monitor as unknown as Parameters<typeof lockOnPowerEvents>[0], (r) => reasons.push(r));
    monitor.emit('unlock-screen');
    monitor.emit('resume');
    expect(reasons).toEqual([]);
    monitor.emit('lock-screen');
    monitor.emit('suspend');
    expect(reasons).toEqual(['screen locked', 'system suspending']);
  });
});
