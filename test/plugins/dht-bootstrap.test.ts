// Bootstrap entries: HOST:PORT resolved to IPv4; anything else is a coded
// DHT_BOOTSTRAP error reported and skipped, never a throw.
import test from 'ava';
import { parseHostPort, resolveBootstrap } from '../../plugins/dht/bootstrap.ts';

test('bootstrap entries resolve, or are reported and skipped', async (t) => {
  const errors: string[] = [];
  const resolved = await resolveBootstrap(['127.0.0.1:6881', 'nonsense', 'router.example:99999', 'localhost:7000'], (error, entry) =>
    errors.push(`${error.code} ${entry}`),
  );
  t.deepEqual(resolved, [
    { ip: '127.0.0.1', port: 6881 },
    { ip: '127.0.0.1', port: 7000 },
  ]);
  t.deepEqual(errors, ['DHT_BOOTSTRAP nonsense', 'DHT_BOOTSTRAP router.example:99999']);
  t.deepEqual(parseHostPort('router.bittorrent.com:6881'), { host: 'router.bittorrent.com', port: 6881 });
});
