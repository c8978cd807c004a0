// A plugin that adds a BEP 10 protocol extension of its own: `sh_hello`. The
// client registers the name (the registry picks our extended message id and
// announces it in every extended handshake), adds a key to the handshake
// through the extended_handshake waterfall, and when a peer's handshake says
// it speaks sh_hello too, sends it a greeting and prints the one it gets.
// Peers without sh_hello are left alone; messages for an extension nobody
// registered are ignored, as BEP 10 says.
//
// Run this file to watch two swarmhook clients greet each other:
//   node --import=tsx examples/hello-extension.ts
import { pathToFileURL } from 'node:url';
import { definePlugin } from '../core/index.ts';
import { runLocalSwarm } from './local-swarm.ts';

export interface HelloOptions {
  /** What we say to every peer that speaks sh_hello. */
  readonly greeting: string;
  /** Called with each greeting heard. Default: console.log. */
  readonly heard?: (line: string) => void;
}

export const helloExtension = definePlugin<HelloOptions>({
  name: 'hello-extension',
  apply(client, options) {
    const heard = options.heard ?? ((line: string) => console.log(line));
    // #region extension
    // Our handshake tells peers which language we greet in (any bencodable value goes in `extra`).
    client.hooks.extended_handshake.tap('hello-extension', (handshake) => ({ ...handshake, extra: { ...handshake.extra, hello_lang: 'en' } }));
    client.extensions.register({
      name: 'sh_hello',
      plugin: 'hello-extension',
      // One call per peer, when its extended handshake arrives: the per-peer handler lives as long as the connection.
      onPeer(peer) {
        if (peer.remoteId === undefined) return undefined; // it does not speak sh_hello
        const lang = peer.handshake.extra?.['hello_lang'];
        peer.send(Buffer.from(options.greeting));
        return {
          onMessage: (payload) => heard(`heard "${payload.toString()}" (${Buffer.isBuffer(lang) ? lang.toString() : '?'})`),
        };
      },
    });
    // #endregion
  },
});

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines: string[] = [];
  await runLocalSwarm(
    {
      seederPlugins: [[helloExtension, { greeting: 'hello from the seeder', heard: (l: string) => lines.push(`seeder ${l}`) }]],
      downloaderPlugins: [[helloExtension, { greeting: 'hello from the downloader', heard: (l: string) => lines.push(`downloader ${l}`) }]],
    },
    async () => {
      // Both greetings crossed the wire long before the download ended; wait for them anyway (bounded).
      for (let i = 0; i < 100 && lines.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    },
  );
  for (const line of lines.sort()) console.log(line);
}
