// Coded storage errors. The torrent layer pauses on any of them; the code says
// what the user has to fix (free space, a folder in the way, a read-only disk).
import { CodedError } from '../errors.ts';
import type { TorrentFile } from '../types.ts';

export type StorageErrorCode =
  /** No space left on the device (ENOSPC, EDQUOT, EFBIG). */
  | 'DISK_FULL'
  /** Permission denied (EACCES, EPERM). */
  | 'ACCESS_DENIED'
  /** The file system is mounted read-only (EROFS). */
  | 'READ_ONLY'
  /** A folder stands where the file should be (EISDIR). */
  | 'IS_A_DIRECTORY'
  /** A file stands where one of the file's folders should be (ENOTDIR, or EEXIST from mkdir). */
  | 'NOT_A_DIRECTORY'
  /** The file does not exist (ENOENT) where it was to be read. */
  | 'FILE_MISSING'
  /** The file ended before the bytes the torrent says it holds. */
  | 'SHORT_READ'
  /** Any other failure of the operating system (EIO, EMFILE, ...). */
  | 'IO_ERROR'
  /** A piece, offset or length outside the torrent. */
  | 'OUT_OF_RANGE'
  /** Piece length, total length, file lengths and piece hashes disagree. */
  | 'INVALID_LAYOUT'
  /** A file path would land outside the target folder. */
  | 'UNSAFE_PATH'
  /** The storage was closed. */
  | 'CLOSED'
  /** The caller aborted the operation (check's signal). */
  | 'ABORTED';

export type StorageOperation = 'open' | 'create' | 'read' | 'write' | 'resize' | 'close' | 'stat';

const ERRNO_CODES: Readonly<Record<string, StorageErrorCode>> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EFBIG: 'DISK_FULL',
  EACCES: 'ACCESS_DENIED',
  EPERM: 'ACCESS_DENIED',
  EROFS: 'READ_ONLY',
  EISDIR: 'IS_A_DIRECTORY',
  ENOTDIR: 'NOT_A_DIRECTORY',
  EEXIST: 'NOT_A_DIRECTORY',
  ENOENT: 'FILE_MISSING',
};

const EXPLANATIONS: Readonly<Record<StorageErrorCode, string>> = {
  DISK_FULL: 'the disk is full',
  ACCESS_DENIED: 'permission denied',
  READ_ONLY: 'the file system is read-only',
  IS_A_DIRECTORY: 'a folder is in the way',
  NOT_A_DIRECTORY: 'a file is in the way of its folder',
  FILE_MISSING: 'the file does not exist',
  SHORT_READ: 'the file is shorter than the torrent says',
  IO_ERROR: 'input/output error',
  OUT_OF_RANGE: 'out of range',
  INVALID_LAYOUT: 'invalid layout',
  UNSAFE_PATH: 'unsafe path',
  CLOSED: 'the storage is closed',
  ABORTED: 'aborted',
};

export interface StorageErrorOptions {
  readonly file?: TorrentFile;
  readonly operation?: StorageOperation;
  readonly cause?: Error;
}

export class StorageError extends CodedError<StorageErrorCode> {
  /** The file the operation failed on, when there is one. */
  readonly file: TorrentFile | undefined;
  readonly operation: StorageOperation | undefined;
  /** The system error code (ENOSPC, EISDIR, ...), when the cause was a system error. */
  readonly errno: string | undefined;

  constructor(code: StorageErrorCode, message: string, options: StorageErrorOptions = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.operation = options.operation;
    this.errno = systemCode(options.cause);
  }

  /** Wraps a failure of the operating system on `file` into a coded error with a clear message. */
  static fromSystem(cause: unknown, file: TorrentFile, operation: StorageOperation): StorageError {
    if (cause instanceof StorageError) return cause;
    const error = cause instanceof Error ? cause : new Error(String(cause));
    const errno = systemCode(error);
    const code = (errno !== undefined ? ERRNO_CODES[errno] : undefined) ?? 'IO_ERROR';
    // A failure on one of the file's folders (mkdir) names that folder: it is what the user has to look at.
    const path = (error as NodeJS.ErrnoException).path;
    const folder = path !== undefined && path !== file.absolutePath ? `${(error as NodeJS.ErrnoException).syscall ?? 'at'} ${path}` : undefined;
    const detail = [errno, folder].filter((d) => d !== undefined).join(', ');
    const why = code === 'IO_ERROR' ? error.message : `${EXPLANATIONS[code]}${detail ? ` (${detail})` : ''}`;
    return new StorageError(code, `cannot ${operation} ${file.absolutePath}: ${why}`, { file, operation, cause: error });
  }
}

export function systemCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
