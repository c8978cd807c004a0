import test from 'ava';
import { Client } from '../../core/index.ts';

test('a throwing tap is reported as plugin_error and the others still run', (t) => {
  const errors: string[] = [];
  const seen: string[] = [];
  const client = new Client({ on_plugin_error: (_c, info) => errors.push(`${info.plugin}:${info.hook}:${info.severity}`) });
  client.hooks.listen_success.tap('bad', () => {
    throw new Error('boom');
  });
  client.on_listen_success((_c, info) => seen.push(`${info.port}/${info.protocol}/${info.severity}`));
  client.emit('listen_success', { port: 6881, protocol: 'tcp4' });
  t.deepEqual(seen, ['6881/tcp4/debug']);
  t.deepEqual(errors, ['bad:listen_success:critical']);
});
