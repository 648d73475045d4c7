/**
 * Auto-lock after idle: `touch()` on every call restarts the countdown. The timer is unref'd so it never
 * keeps a CLI process alive.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;
  private minutes = 0;

  constructor(private readonly onIdle: () => void) {}

  /** 0 disables auto-lock. */
  start(minutes: number): void {
    this.minutes = minutes;
    this.touch();
  }

  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.minutes <= 0) return;
    this.timer = setTimeout(this.onIdle, this.minutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.minutes = 0;
  }
}
