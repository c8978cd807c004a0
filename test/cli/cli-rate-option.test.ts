import test from 'ava';
import { parseRate } from '../../core/cli/client-options.ts';

test('rates in bytes per second with aria2 units (K = 1024, M = 1024 * 1024)', (t) => {
  t.is(parseRate('--max-download-rate', '0'), 0);
  t.is(parseRate('--max-download-rate', '65536'), 65536);
  t.is(parseRate('--max-download-rate', '500K'), 500 * 1024);
  t.is(parseRate('--max-download-rate', '2M'), 2 * 1024 * 1024);
  t.is(parseRate('--max-download-rate', '2m'), 2 * 1024 * 1024);
  t.is(parseRate('--max-upload-rate', '1.5MiB'), 1.5 * 1024 * 1024);
  t.is(parseRate('--max-upload-rate', '1G'), 1024 ** 3);
});

test('a rate that is not one is a coded error naming the flag', (t) => {
  for (const bad of ['', '-1', 'fast', '2T', '1.5.2M', 'M']) {
    t.throws(() => parseRate('--max-upload-rate', bad), { code: 'CLI_BAD_OPTION', message: /--max-upload-rate needs bytes per second/ });
  }
});

test('the rate flags set the client limits', async (t) => {
  const { clientFromOptions } = await import('../../core/cli/client-options.ts');
  const client = await clientFromOptions({ 'max-download-rate': '2M', 'max-upload-rate': '500K', quiet: [true, true] });
  t.teardown(() => client.destroy());
  t.like(client.settings.rates, { maxDownloadRate: 2 * 1024 * 1024, maxUploadRate: 500 * 1024 });
  t.deepEqual(client.rateLimits, { download: 2 * 1024 * 1024, upload: 500 * 1024 });
});
