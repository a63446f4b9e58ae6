/**
 * Progress of an import: a bar on a terminal (cli-progress), plain lines otherwise (every 10 % of the file, so logs
 * stay short). Both read the same numbers.
 */
import { SingleBar } from 'cli-progress';

export interface ProgressState {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  elapsedSeconds: number;
}

export interface ProgressReporter {
  update(s: ProgressState): void;
  stop(s: ProgressState): void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function createProgressReporter(out: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (out.isTTY) {
    const bar = new SingleBar(
      {
        format: 'import {bar} {percentage}% | {rows} rows, {imported} in, {duplicates} already in, {rejected} rejected | {rate} rows/s | {eta_formatted}',
        hideCursor: true,
        stream: out,
        etaBuffer: 50,
        fps: 5,
      },
    );
    let started = false;
    const payload = (s: ProgressState) => ({
      rows: fmt(s.rows),
      imported: fmt(s.imported),
      duplicates: fmt(s.duplicates),
      rejected: fmt(s.rejected),
      rate: fmt(Math.round(s.rows / Math.max(0.001, s.elapsedSeconds))),
    });
    return {
      update(s) {
        if (!started) {
          bar.start(Math.max(1, s.totalBytes), 0, payload(s));
          started = true;
        }
        bar.update(Math.min(s.bytesRead, s.totalBytes), payload(s));
      },
      stop(s) {
        if (!started) bar.start(Math.max(1, s.totalBytes), 0, payload(s));
        bar.update(s.totalBytes, payload(s));
        bar.stop();
      },
    };
  }
  let lastTenth = -1;
  const line = (s: ProgressState) =>
    `import ${Math.round((100 * s.bytesRead) / Math.max(1, s.totalBytes))}%: ${s.rows} rows, ${s.imported} in, ${s.duplicates} already in, ${s.rejected} rejected, ${Math.round(s.rows / Math.max(0.001, s.elapsedSeconds))} rows/s\n`;
  return {
    update(s) {
      const tenth = Math.floor((10 * s.bytesRead) / Math.max(1, s.totalBytes));
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        out.write(line(s));
      }
    },
    stop(s) {
      out.write(line({ ...s, bytesRead: s.totalBytes }));
    },
  };
}
