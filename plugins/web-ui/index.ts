// Built-in plugin "web-ui": a web page for the daemon, served by the
// transmission-rpc plugin's server (through the serve_http policy hook) at
// /transmission/web/, behind its gate: the same auth, Host whitelist and
// request rate. The page lists the torrents and adds, pauses, resumes and
// removes them through the RPC itself, and shows a live stream of hook
// events (/transmission/web/events, Server-Sent Events) with severity
// filters. Plain HTML, CSS and JavaScript in static/: no build step.
import type { IncomingMessage, ServerResponse } from 'node:http';
import schema from '../../config-schema/web-ui.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults, type Severity } from '../../core/index.ts';
import type { Client, HttpHandler, JsonSchema } from '../../core/index.ts';
import { EventStream, SEVERITIES } from './event-stream.ts';
import type { ResolvedWebUiOptions, WebUiOptions } from './generated/options.ts';
import { FILES, staticFile } from './static-files.ts';

export type { ResolvedWebUiOptions, WebUiOptions } from './generated/options.ts';
export type { StreamedEvent } from './event-stream.ts';

export const WEB_PATH = '/transmission/web/';

const SECURITY_HEADERS = {
  // The page loads only its own files and talks only to its own server.
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function redirect(response: ServerResponse): void {
  response.writeHead(302, { Location: WEB_PATH });
  response.end();
}

export default definePlugin<WebUiOptions>({
  name: 'web-ui',
  schema: schema as JsonSchema,
  requires: ['transmission-rpc'],
  apply(client: Client, given) {
    const options = fillDefaults<ResolvedWebUiOptions>(schema, given, 'web-ui');
    const stream = new EventStream(client, { minSeverity: options.minSeverity, maxClients: options.maxEventClients, maxQueuedBytes: options.maxQueuedBytesPerClient });

    const serveFile = (name: string): HttpHandler => (_request: IncomingMessage, response: ServerResponse) => {
      const entry = FILES[name]!;
      staticFile(entry.file).then(
        (bytes) => {
          response.writeHead(200, { 'Content-Type': entry.type, 'Content-Length': bytes.length, ...SECURITY_HEADERS });
          response.end(bytes);
        },
        (err: Error) => {
          response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(`web-ui: ${err.message}\n`);
        },
      );
    };

    const events: HttpHandler = (request, response) => {
      const asked = new URL(request.url ?? '/', 'http://x').searchParams.get('min');
      const min = SEVERITIES.includes(asked as Severity) ? (asked as Severity) : options.minSeverity;
      stream.open(response, min);
    };

    client.hooks.serve_http.tap('web-ui', (route) => {
      if (route.method !== 'GET' && route.method !== 'HEAD') return undefined;
      if (route.path === '/' || route.path === '/transmission/web') return (_req, res) => redirect(res);
      if (!route.path.startsWith(WEB_PATH)) return undefined;
      const name = route.path.slice(WEB_PATH.length);
      if (name === 'events') return events;
      return Object.hasOwn(FILES, name) ? serveFile(name) : undefined;
    });
    client.onDestroy('web-ui', () => stream.close());
  },
});
