import test from 'ava';
import { decodeClientName, formatPeerId, generatePeerId } from '../../core/peer-id.ts';
import { DEFAULT_SETTINGS } from '../helpers/default-settings.ts';

const id = (s: string) => Buffer.from(s.padEnd(20, 'x'), 'latin1');

test('our peer id is the SH prefix (the peerIdPrefix default) and 12 random bytes', (t) => {
  const prefix = DEFAULT_SETTINGS.peerIdPrefix;
  const a = generatePeerId(prefix);
  const b = generatePeerId(prefix);
  t.is(a.length, 20);
  t.is(a.toString('latin1', 0, 8), prefix);
  t.false(a.equals(b));
  t.is(decodeClientName(a), 'swarmhook 0.1.0');
});

test('Azureus-style ids name client and version', (t) => {
  t.is(decodeClientName(id('-LT2080-')), 'libtorrent 2.0.8');
  t.is(decodeClientName(id('-LT1C00-')), 'libtorrent 1.12.0');
  t.is(decodeClientName(id('-lt0D60-')), 'libTorrent (rakshasa) 0.13.6');
  t.is(decodeClientName(id('-qB4520-')), 'qBittorrent 4.5.2');
  t.is(decodeClientName(id('-UT355W-')), 'µTorrent 3.5.5');
  t.is(decodeClientName(id('-TR3000-')), 'Transmission 3.00');
  t.is(decodeClientName(id('-TR294Z-')), 'Transmission 2.94+');
  t.is(decodeClientName(id('-AZ5770-')), 'Vuze 5.7.7');
  t.is(decodeClientName(id('-AZ2504-')), 'Vuze 2.5.0.4');
  t.is(decodeClientName(id('-DE13F0-')), 'Deluge 1.3.15');
  t.is(decodeClientName(id('-BC0150-')), 'BitComet 0.1.5');
  t.is(decodeClientName(id('-XL0012-')), 'Xunlei 0.0.1.2');
  t.is(decodeClientName(id('-ZZ1000-')), 'unknown client "ZZ" 1.0.0');
  t.is(decodeClientName(id('-LT20**-')), 'libtorrent');
});

test('Mainline and Shad0w style ids', (t) => {
  t.is(decodeClientName(id('M7-2-2--')), 'Mainline 7.2.2');
  t.is(decodeClientName(id('M4-20-8-')), 'Mainline 4.20.8');
  t.is(decodeClientName(id('S58B-----')), 'Shadow 5.8.11');
  t.is(decodeClientName(id('T03I-----')), 'BitTornado 0.3.18');
  t.is(decodeClientName(id('A310--001')), 'ABC 3.1.0');
});

test('ids of no known convention give undefined', (t) => {
  t.is(decodeClientName(Buffer.alloc(20)), undefined);
  t.is(decodeClientName(id('hello world')), undefined);
  t.is(decodeClientName(Buffer.from('short')), undefined);
  t.is(decodeClientName(id('Sxyzabcdefg')), undefined);
});

test('peer ids are shown as text when printable, hex otherwise', (t) => {
  t.is(formatPeerId(Buffer.from('-LT2080-abcdefghijkl', 'latin1')), '-LT2080-abcdefghijkl');
  const raw = Buffer.concat([Buffer.from('-SH0100-', 'latin1'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255])]);
  t.is(formatPeerId(raw), raw.toString('hex'));
});
