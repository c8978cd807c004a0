// A plugin for bench/download.ts's time to the first byte: writes one line,
// "first-block", to stderr when the first block of piece data arrives; the
// bench reads the time of that line. Plain JavaScript, so that the compiled
// `bt` loads it without tsx. It taps peer_packet_in, which makes every block
// a copy of its own: the bench runs it apart from the timed downloads.
export default {
  name: 'bench-first-block',
  apply(client) {
    let seen = false;
    client.hooks.peer_packet_in.tap('bench-first-block', (_client, { packet }) => {
      if (seen || packet.type !== 'piece') return;
      seen = true;
      process.stderr.write('first-block\n');
    });
  },
};
