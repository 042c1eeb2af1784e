/** A one-line progress bar on stderr (redrawn on a terminal, a line per step in a log). */
export function progressBar({ done, total, note = '' }: { done: number; total: number; note?: string }, t0: number): void {
  const width = 30;
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const rate = done / Math.max(0.001, (performance.now() - t0) / 1000);
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${done}/${total}  ${rate.toFixed(0)} docs/s${note}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}
