// Run as a child process (node --import tsx): opens `<dir>/made/deeper/file.bin`
// for writing, which creates its folders, and prints the outcome as JSON. Lets
// a test run the storage inside a mount namespace with a read-only folder.
import { closeSync } from 'node:fs';
import { StorageFile } from '../../core/storage/file.ts';
import { StorageError } from '../../core/storage/errors.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: create-file-in.ts DIR');
const file = new StorageFile({ index: 0, path: 'made/deeper/file.bin', length: 10, offset: 0, padding: false }, dir);
try {
  const { fd } = await file.open('write');
  closeSync(fd);
  process.stdout.write(JSON.stringify({ created: true }));
} catch (err) {
  if (!(err instanceof StorageError)) throw err;
  process.stdout.write(JSON.stringify({ code: err.code, errno: err.errno, message: err.message }));
}
