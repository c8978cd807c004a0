// Reads of dialled TCP sockets into one shared buffer: whoever claims a
// socket gets views of it, everyone else (and anything read before the
// claim) gets copies as ordinary 'data', in order; pause() stops reading.
import test, { type ExecutionContext } from 'ava';
import net from 'node:net';
import { dial } from '../../core/net/dialer.ts';
import { claimReads } from '../../core/transport/tcp-reads.ts';
import { until } from '../helpers/until.ts';

const waitFor = (done: () => boolean, what: string): Promise<true> => until(what, 10_000, () => (done() ? true : undefined));

/** A loopback server whose first accepted socket the test writes to. */
async function server(t: ExecutionContext): Promise<{ port: number; accepted: Promise<net.Socket> }> {
  let accept!: (s: net.Socket) => void;
  const accepted = new Promise<net.Socket>((resolve) => (accept = resolve));
  const srv = net.createServer((s) => {
    s.on('error', () => {});
    t.teardown(() => s.destroy());
    accept(s);
  });
  await new Promise<void>((resolve) => srv.listen({ host: '127.0.0.1', port: 0 }, resolve));
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())));
  return { port: (srv.address() as net.AddressInfo).port, accepted };
}

/** A socket dialled as peers are (so that its reads can be claimed) to a loopback server, and the server's end of it. */
async function dialledPair(t: ExecutionContext): Promise<{ port: number; socket: net.Socket; remote: net.Socket }> {
  const { port, accepted } = await server(t);
  const socket = await dial({ ip: '127.0.0.1', port }, { timeoutMs: 5000 });
  t.teardown(() => socket.destroy());
  return { port, socket, remote: await accepted };
}

test('before a claim the reads come as copies through data, then as views of one reused buffer to the reader, in order', async (t) => {
  t.timeout(20_000);
  const { socket, remote } = await dialledPair(t);

  const copies: Buffer[] = [];
  socket.on('data', (d: Buffer) => copies.push(d));
  remote.write('first;');
  await waitFor(() => Buffer.concat(copies).toString() === 'first;', 'the read before the claim');
  const copy = copies[0]!;

  const views: { text: string; buffer: ArrayBufferLike }[] = [];
  t.true(claimReads(socket, (view) => views.push({ text: view.toString(), buffer: view.buffer })));
  remote.write('second;');
  await waitFor(() => views.map((v) => v.text).join('') === 'second;', 'the claimed read');
  remote.write('third;');
  await waitFor(() => views.map((v) => v.text).join('') === 'second;third;', 'another claimed read');
  t.is(Buffer.concat(copies).toString(), 'first;', 'claimed reads do not come as data');
  t.not(copy.buffer, views[0]!.buffer, 'the copy is not in the shared buffer');
  t.is(copy.toString(), 'first;', 'the copy is intact after later reads');
  t.true(views.every((v) => v.buffer === views[0]!.buffer), 'every view is of the one shared buffer');
});

test('a paused claimed socket reads nothing until resumed; a stream not dialled this way cannot be claimed', async (t) => {
  t.timeout(20_000);
  const { port, socket, remote } = await dialledPair(t);
  let text = '';
  claimReads(socket, (view) => void (text += view.toString()));
  socket.resume();
  socket.pause();
  remote.write('held');
  // Written and delivered to our kernel; a paused socket leaves it there.
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.is(text, '');
  socket.resume();
  await waitFor(() => text === 'held', 'the read after resume');

  const plain = net.connect({ host: '127.0.0.1', port });
  t.teardown(() => plain.destroy());
  t.false(claimReads(plain, () => undefined));
});
