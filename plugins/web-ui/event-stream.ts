// The live stream of hook events (Server-Sent Events) for the page. The
// events are tapped when the first page connects, and only those at least as
// severe as minSeverity: nothing is built for a stream nobody reads. Each
// event goes out as JSON holding its name, severity, message, time and its
// plain (string, number, boolean) attributes; a page that does not keep up
// is disconnected past maxQueuedBytesPerClient (EventSource reconnects).
import type { ServerResponse } from 'node:http';
import { EVENT_NAMES, EVENTS, type Client, type EventName, type Severity } from '../../core/index.ts';

export const SEVERITIES: readonly Severity[] = ['debug', 'info', 'warning', 'critical', 'fatal'];

export interface EventStreamOptions {
  readonly minSeverity: Severity;
  readonly maxClients: number;
  readonly maxQueuedBytes: number;
}

/** An event as the page receives it. */
export interface StreamedEvent {
  readonly event: string;
  readonly severity: Severity;
  readonly message: string;
  readonly time: number;
  readonly attributes: Record<string, string | number | boolean>;
}

function plainAttributes(info: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(info)) {
    if (key === 'message' || key === 'event' || key === 'severity') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    // A torrent is named by its name and hash: the page shows which one.
    else if (typeof value === 'object' && value !== null && typeof (value as { infoHash?: unknown }).infoHash === 'string') {
      out[key] = (value as { name?: unknown }).name === undefined ? String((value as { infoHash: string }).infoHash) : String((value as { name: unknown }).name);
    }
  }
  return out;
}

export class EventStream {
  readonly #client: Client;
  readonly #options: EventStreamOptions;
  readonly #pages = new Set<ServerResponse>();
  #tapped = false;

  constructor(client: Client, options: EventStreamOptions) {
    this.#client = client;
    this.#options = options;
  }

  get pages(): number {
    return this.#pages.size;
  }

  /** Starts streaming to a page; false (and 503) when too many stream already. */
  open(response: ServerResponse, minSeverity: Severity): boolean {
    if (this.#pages.size >= this.#options.maxClients) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '10' });
      response.end('too many event streams open\n');
      return false;
    }
    this.#tap();
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // EventSource waits this long before reconnecting.
    response.write('retry: 2000\n\n');
    const floor = SEVERITIES.indexOf(minSeverity);
    const page = Object.assign(response, { minSeverityIndex: floor });
    this.#pages.add(page);
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    response.once('close', () => {
      clearInterval(keepAlive);
      this.#pages.delete(page);
    });
    return true;
  }

  close(): void {
    for (const page of this.#pages) page.end();
    this.#pages.clear();
  }

  #tap(): void {
    if (this.#tapped) return;
    this.#tapped = true;
    const floor = SEVERITIES.indexOf(this.#options.minSeverity);
    for (const name of EVENT_NAMES) {
      if (SEVERITIES.indexOf(EVENTS[name].severity) < floor) continue;
      const hook = this.#client.hooks[name] as unknown as { tap(tapName: string, fn: (client: Client, info: Readonly<Record<string, unknown>> & { severity: Severity; message: string }) => void): void };
      hook.tap('web-ui', (_client, info) => this.#send(name, info));
    }
  }

  #send(name: EventName, info: Readonly<Record<string, unknown>> & { severity: Severity; message: string }): void {
    if (this.#pages.size === 0) return;
    const streamed: StreamedEvent = { event: name, severity: info.severity, message: info.message, time: Date.now(), attributes: plainAttributes(info) };
    const frame = `event: hook\ndata: ${JSON.stringify(streamed)}\n\n`;
    const index = SEVERITIES.indexOf(info.severity);
    for (const page of this.#pages as Set<ServerResponse & { minSeverityIndex: number }>) {
      if (index < page.minSeverityIndex) continue;
      if (page.writableLength > this.#options.maxQueuedBytes) {
        page.destroy();
        continue;
      }
      page.write(frame);
    }
  }
}
