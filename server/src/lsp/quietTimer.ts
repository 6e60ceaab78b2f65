// Runs a callback once a quiet period has passed since the last poke: for work that a burst of edits
// should trigger once, at its end. One timer per quiet period however many pokes (a keystroke costs a
// clock read, not a timer).

export class QuietTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;

  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}

  poke(): void {
    this.last = performance.now();
    if (!this.timer) this.arm(this.ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const wait = this.last + this.ms - performance.now();
      if (wait >= 1) return this.arm(wait);
      this.timer = undefined;
      this.run();
    }, ms);
  }
}
