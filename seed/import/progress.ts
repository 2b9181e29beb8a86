/**
 * Progress on stderr: a bar with rows per second on a TTY, a plain line every few seconds otherwise
 * (logs, CI), and a line for each step without rows (planning). Silent when no stream is given
 * (tests, benchmarks).
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Back to the start of the terminal's line and clear it: where the bar is drawn again. */
const CLEAR_LINE = "\r\x1b[2K";

export class Progress {
  private done = 0;
  private total = 0;
  private phase = "";
  private lastDraw = 0;
  /** When the first row phase started: rows per second count from there, not from the planning. */
  private started: number | undefined;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly everyMs = 2000,
  ) {}

  start(phase: string, total: number): void {
    this.started ??= Date.now();
    this.phase = phase;
    this.total += total;
    this.draw(true);
  }

  tick(rows: number): void {
    this.done += rows;
    this.draw(false);
  }

  /** A line of its own, for a step without rows; on a terminal it replaces the bar, which the next tick draws again. */
  note(text: string): void {
    if (!this.stream) return;
    this.stream.write(`${this.stream.isTTY === true ? CLEAR_LINE : ""}import: ${text}\n`);
  }

  finish(): void {
    if (this.stream?.isTTY) this.stream.write("\n");
  }

  get rowsPerSecond(): number {
    const s = this.started === undefined ? 0 : (Date.now() - this.started) / 1000;
    return s > 0 ? this.done / s : 0;
  }

  private draw(force: boolean): void {
    if (!this.stream) return;
    const now = Date.now();
    const tty = this.stream.isTTY === true;
    if (!force && now - this.lastDraw < (tty ? 100 : this.everyMs)) return;
    this.lastDraw = now;
    const pct = this.total ? Math.min(1, this.done / this.total) : 0;
    const rate = Math.round(this.rowsPerSecond).toLocaleString("en");
    const text = `${this.done.toLocaleString("en")}/${this.total.toLocaleString("en")} rows (${rate} rows/s) ${this.phase}`;
    if (tty) {
      const width = 30;
      const fill = Math.round(pct * width);
      this.stream.write(`${CLEAR_LINE}[${"#".repeat(fill)}${" ".repeat(width - fill)}] ${Math.round(pct * 100)}% ${text}`);
    } else {
      this.stream.write(`import: ${text}\n`);
    }
  }
}
