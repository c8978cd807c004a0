// Sizes, rates and durations as a person reads them: binary units (what
// file managers and `bt info` show), ETA as h:mm:ss.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** "0 B", "512 B", "1.5 MiB", "12.3 GiB": three significant digits at most. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value.toFixed(value < 10 ? 2 : 1).replace(/\.?0+$/, '')} ${UNITS[unit]}`;
}

/** "1.5 MiB/s" */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Beyond this an estimate says nothing useful: shown as unknown. */
const LONGEST_ETA_SECONDS = 100 * 24 * 3600;

/** Seconds left at the current rate; undefined when nothing is arriving. */
export function etaSeconds(bytesLeft: number, bytesPerSecond: number): number | undefined {
  if (bytesLeft <= 0) return 0;
  if (!(bytesPerSecond > 0)) return undefined;
  const seconds = Math.ceil(bytesLeft / bytesPerSecond);
  return seconds > LONGEST_ETA_SECONDS ? undefined : seconds;
}

/** "0:07", "12:34", "1:02:03", "3d 04h"; "--:--" when unknown. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = s % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${two(hours)}h`;
  if (hours > 0) return `${hours}:${two(minutes)}:${two(secs)}`;
  return `${minutes}:${two(secs)}`;
}
