// Client: owns the hooks, the listeners given at construction, and (later
// layers) the torrents, the listening sockets and the plugin host.
import {
  createHooks,
  emit,
  EVENT_NAMES,
  listens,
  type EventAttributes,
  type EventName,
  type Hooks,
  type EventSink,
  type Listener,
} from './hooks.ts';
import type { ClientSettings } from './settings.ts';

/** `on_<event>` constructor options: one listener or several. */
export type ListenerOptions = {
  [K in EventName as `on_${K}`]?: Listener<Client, K> | Listener<Client, K>[];
};

/** `client.on_<event>(fn)` methods; each returns the client for chaining. */
export type ListenerMethods = {
  [K in EventName as `on_${K}`]: (listener: Listener<Client, K>) => Client;
};

export interface ClientOptions extends ListenerOptions, ClientSettings {
  /** Name shown as the tap name of constructor and on_<event> listeners. */
  readonly name?: string;
}

// Declaration merging gives the class its generated on_<event> methods' types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Client extends ListenerMethods {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Client implements EventSink {
  readonly hooks: Hooks<Client>;
  readonly options: ClientOptions;
  #listenerCount = 0;
  readonly #plugins = new Map<string, unknown>();

  constructor(options: ClientOptions = {}) {
    this.options = options;
    this.hooks = createHooks<Client>((plugin, hook, error) => this.#reportTapFailure(plugin, hook, error));
    for (const name of EVENT_NAMES) {
      const given = (options as Record<string, unknown>)[`on_${name}`];
      if (given === undefined) continue;
      for (const fn of Array.isArray(given) ? given : [given]) {
        if (typeof fn !== 'function') throw new TypeError(`option on_${name} must be a function or an array of functions`);
        this.#tapListener(name, fn as Listener<Client, typeof name>);
      }
    }
  }

  /** Plugins applied to this client, by name, with the options they were given (after validation). */
  get plugins(): ReadonlyMap<string, unknown> {
    return this.#plugins;
  }

  /** Records a plugin as applied; the plugin host (core/plugin-host.ts) calls this after apply. */
  notePluginApplied(name: string, options: unknown): void {
    if (this.#plugins.has(name)) throw new Error(`plugin "${name}" is already applied to this client`);
    this.#plugins.set(name, options);
  }

  /** Fires an event if anyone listens (see hooks.ts emit). */
  emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void {
    emit(this.hooks, this, event, attributes);
  }

  /** True when the event has listeners; hot paths ask before building attributes. */
  listens(event: EventName): boolean {
    return listens(this.hooks, event);
  }

  #tapListener<K extends EventName>(event: K, fn: Listener<Client, K>): void {
    const hook = this.hooks[event] as unknown as { tap(name: string, fn: Listener<Client, K>): void };
    hook.tap(`${this.options.name ?? 'listener'}#${++this.#listenerCount}`, fn);
  }

  #reportingFailure = false;
  #reportTapFailure(plugin: string, hook: string, error: Error): void {
    // A plugin_error listener that itself throws must not recurse forever.
    if (this.#reportingFailure || this.hooks.plugin_error.taps.length === 0) {
      process.stderr.write(`swarmhook: plugin ${plugin} failed in ${hook}: ${error.stack ?? error.message}\n`);
      return;
    }
    this.#reportingFailure = true;
    try {
      this.emit('plugin_error', { plugin, hook, error });
    } finally {
      this.#reportingFailure = false;
    }
  }

  static {
    for (const name of EVENT_NAMES) {
      Object.defineProperty(Client.prototype, `on_${name}`, {
        configurable: true,
        writable: true,
        value: function (this: Client, fn: Listener<Client, typeof name>): Client {
          if (typeof fn !== 'function') throw new TypeError(`on_${name} expects a function`);
          this.#tapListener(name, fn);
          return this;
        },
      });
    }
  }
}
