// `bt daemon [--state DIR] [--rpc-port N] [--config FILE]`: one client, many
// torrents, until SIGTERM or SIGINT. The session (torrents, their folders,
// paused or active, rate limits) lives in a state folder that one daemon owns
// at a time (daemon.lock); each torrent's resume data is kept there too
// (resume/), so that a restart brings everything back without a recheck.
// Torrents are added and driven through plugins: transmission-rpc (on by
// default here), watch-dir, web-ui.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../client.ts';
import { loadConfig } from '../config.ts';
import { createClient } from '../create-client.ts';
import type { PluginEntry } from '../plugin-host/index.ts';
import { CLIENT_OPTIONS, positiveInteger, type ClientFlags } from './client-options.ts';
import { lockStateFolder } from './daemon-lock.ts';
import { daemonPluginEntries } from './daemon-plugins.ts';
import { readSession, restoreSession, resumeDir, SessionStore } from './daemon-session.ts';
import { platformDataFolder } from './data-folder.ts';
import { listenForStop } from './signals.ts';
import { cliLoggerEntry, loggerLevel } from './verbosity.ts';

export const USAGE = `usage: bt daemon [--state DIR] [--rpc-port N] [--config FILE] [options]

Runs a client with many torrents until SIGTERM or SIGINT, driven by the
transmission-rpc plugin (transmission-remote, Transmission's RPC on
127.0.0.1:9091/transmission/rpc) and the web-ui and watch-dir plugins.
The session is saved in the state folder and restored on the next start
without rechecking the data; one daemon owns a state folder at a time.
  --state DIR          the state folder (default: the .btrc's daemon.stateDir,
                       else $XDG_DATA_HOME/swarmhook or ~/.local/share/swarmhook)
  --rpc-port N         the RPC port (the transmission-rpc plugin's port, 9091)
  --port N|A-B         listen port or range (default 6881-6889)
  --config FILE        a .btrc to load instead of searching for one
  -q, --quiet          the log only from critical up; -qq: no log
  -v, --verbose        log more: -v info, -vv debug
  -h, --help           this help

Exit code 0 after a clean stop, 1 on an error (e.g. DAEMON_LOCKED: the state
folder is in use by another daemon).
`;

export interface DaemonIO {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

/** The running daemon: its client, state folder, and how to stop it (what SIGTERM does). */
export interface RunningDaemon {
  readonly client: Client;
  readonly stateDir: string;
  /** Saves the session, then destroys the client (stopped announces, resume data saved), then releases the lock. */
  stop(): Promise<void>;
}

export interface DaemonOptions {
  readonly state?: string;
  readonly rpcPort?: number;
  readonly config?: string;
  readonly port?: string;
  readonly plugins?: readonly PluginEntry[];
  readonly logLevel?: ReturnType<typeof loggerLevel>;
  readonly io?: DaemonIO;
}

/** Starts a daemon: lock, client with its plugins, session restored, periodic saves. */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const io = options.io ?? process;
  const loaded = await loadConfig(options.config === undefined ? {} : { file: options.config });
  const configured = loaded?.config.daemon?.stateDir;
  const stateDir = resolve(options.state ?? (configured === undefined ? platformDataFolder('swarmhook') : resolve(dirname(loaded!.filepath), configured)));
  await mkdir(stateDir, { recursive: true });
  const lock = await lockStateFolder(stateDir);
  let client: Client;
  try {
    const logger = cliLoggerEntry(loaded?.config, options.logLevel ?? 'warning');
    const plugins = [logger, ...daemonPluginEntries(loaded?.config, options.rpcPort), ...(options.plugins ?? [])].filter((e): e is PluginEntry => e !== undefined);
    client = await createClient({
      ...(options.config === undefined ? {} : { config: options.config }),
      ...(options.port === undefined ? {} : { listen: { ports: /^\d+$/.test(options.port) ? Number(options.port) : options.port } }),
      // The resume data lives in the state folder: a download folder may be read-only, shared, or deleted with the torrent.
      resume: { dir: resumeDir(stateDir) },
      plugins,
    });
  } catch (err) {
    await lock.release();
    throw err;
  }
  const store = new SessionStore(stateDir);
  try {
    await client.listen();
    const session = await readSession(stateDir);
    if (session !== undefined) {
      await restoreSession(client, stateDir, session, (entry, error) =>
        io.stderr.write(`bt daemon: could not restore ${entry.name} (${entry.infoHash}): ${error.message}\n`),
      );
      await store.loaded(session);
    }
  } catch (err) {
    await client.destroy();
    await lock.release();
    throw err;
  }
  const saveEvery = client.settings.daemon.saveIntervalMs;
  const timer = setInterval(() => {
    store.save(client).catch((err: unknown) => io.stderr.write(`bt daemon: could not save the session: ${(err as Error).message}\n`));
  }, saveEvery);
  let stopping: Promise<void> | undefined;
  return {
    client,
    stateDir,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        try {
          await store.save(client);
        } finally {
          await client.destroy();
          await lock.release();
        }
      })()),
  };
}

export async function run(argv: string[], io: DaemonIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      'rpc-port': { type: 'string' },
      port: CLIENT_OPTIONS.port,
      config: CLIENT_OPTIONS.config,
      quiet: CLIENT_OPTIONS.quiet,
      verbose: CLIENT_OPTIONS.verbose,
      help: CLIENT_OPTIONS.help,
    },
  });
  if (values.help || positionals.length !== 0) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const flags: ClientFlags = values;
  const rpcPort = values['rpc-port'] === undefined ? undefined : positiveInteger('--rpc-port', values['rpc-port']);
  const stop = listenForStop();
  try {
    const daemon = await startDaemon({
      ...(values.state === undefined ? {} : { state: values.state }),
      ...(rpcPort === undefined ? {} : { rpcPort }),
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.port === undefined ? {} : { port: values.port }),
      logLevel: loggerLevel(flags.verbose?.length ?? 0, flags.quiet?.length ?? 0),
      io,
    });
    io.stderr.write(`bt daemon: running with ${daemon.client.torrents.length} torrent(s), state in ${daemon.stateDir}, peers on port ${daemon.client.port ?? '-'}\n`);
    const signal = await stop.signal;
    io.stderr.write(`bt daemon: ${signal}, stopping\n`);
    await daemon.stop();
    return 0;
  } finally {
    stop.dispose();
  }
}
