// The storage layer: the piece <-> file mapping, files on disk, hashing.
export { Storage, DEFAULT_READ_CACHE_BYTES } from './storage.ts';
export type { CheckOptions, PieceCheck, RecheckOptions, StorageOptions } from './storage.ts';
export { StorageLayout, SHA1_LENGTH } from './layout.ts';
export type { LayoutFile, PieceRange, Segment, StorageLayoutInput } from './layout.ts';
export { StorageFile, safeJoin } from './file.ts';
export type { FileAccess, OpenMode, OpenedFile } from './file.ts';
export { HandlePool, DEFAULT_MAX_OPEN_FILES } from './handle-pool.ts';
export { PieceHasher, defaultHasher, hashPiece, isShared, sha1 } from './hasher.ts';
export type { HasherOptions } from './hasher.ts';
export { PieceCache } from './piece-cache.ts';
export type { BlockLease, CachedPiece } from './piece-cache.ts';
export { StorageError } from './errors.ts';
export type { StorageErrorCode, StorageErrorOptions, StorageOperation } from './errors.ts';
