// examples/runtime-ip-filter.ts's plugin: an address that sends invalid data
// gets a rule; one that only closed a connection, or hit our own per-address
// limit, does not (a dialler racing uTP against TCP drops the loser that way),
// nor does an exempt address.
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import type { EventAttributes } from '../../core/hooks.ts';
import { blockOnPeerError } from '../../examples/runtime-ip-filter.ts';
import { getIpFilter } from '../../plugins/ip-filter/index.ts';

test('invalid data adds a rule; a closed connection, our per-IP limit and an exempt address do not', async (t) => {
  const client = await createClient({ config: false, listen: { ports: 0 }, plugins: [['logger', false], [blockOnPeerError, { exempt: ['127.0.0.9'] }]] });
  t.teardown(() => client.destroy());
  const filter = getIpFilter(client)!;
  const peerError = (ip: string, code: string): void => {
    const info: EventAttributes['peer_error'] = { peer_id: undefined, ip, error: code, code };
    client.emit('peer_error', info);
  };
  peerError('127.0.0.2', 'MSE_CLOSED');
  peerError('127.0.0.3', 'TOO_MANY_CONNECTIONS_FROM_IP');
  peerError('127.0.0.9', 'BAD_PROTOCOL');
  t.is(filter.has('127.0.0.2'), undefined, 'a connection closed during the MSE handshake is not invalid data');
  t.is(filter.has('127.0.0.3'), undefined, 'our own limit is not invalid data');
  t.is(filter.has('127.0.0.9'), undefined, 'exempt');
  peerError('127.0.0.2', 'BAD_PROTOCOL');
  t.like(filter.has('127.0.0.2'), { label: 'sent invalid data [BAD_PROTOCOL]', source: 'block-on-peer-error' });
});
