// A file system that does what node:fs/promises does and keeps account of
// what a power cut would still lose: bytes written to a file and not yet
// fsynced, and names created, renamed or removed in a directory not yet
// fsynced. A test asks it, at the moment a commit is answered, whether
// anything the answer relies on is still only in the page cache.
import { existsSync } from 'node:fs';
import type { Mode, PathLike } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FileSystem } from '../../src/adapters/sqljs-store.ts';

export interface WatchedFs {
  files: FileSystem;
  /** Paths matching `which` with written bytes not yet fsynced, or whose name is not yet durable in its directory. */
  volatile(which: RegExp): string[];
  /** Bytes written to paths matching `which` and fsynced since. */
  durable(which: RegExp): number;
  /** Orders the file system carried out that a crash could undo or reorder, in the words of a failed check. */
  violations: string[];
}

export function watchedFs(): WatchedFs {
  const unsyncedBytes = new Map<string, number>();
  const durableBytes = new Map<string, number>();
  /** Directory -> paths created, renamed or removed in it since its last fsync. */
  const unsyncedNames = new Map<string, Set<string>>();
  /** Directory -> paths renamed into place since its last fsync. */
  const unsyncedRenames = new Map<string, Set<string>>();
  const violations: string[] = [];

  const nameChanged = (path: string, into = unsyncedNames) => {
    const dir = dirname(path);
    const names = into.get(dir) ?? new Set<string>();
    names.add(path);
    into.set(dir, names);
  };

  const watch = (path: string, handle: FileHandle): FileHandle =>
    new Proxy(handle, {
      get(target, property) {
        if (property === 'write') {
          return async (buffer: Uint8Array, offset?: number, length?: number) => {
            const result = await target.write(buffer, offset, length);
            unsyncedBytes.set(path, (unsyncedBytes.get(path) ?? 0) + result.bytesWritten);
            return result;
          };
        }
        if (property === 'truncate') {
          return async (length?: number) => {
            await target.truncate(length);
            unsyncedBytes.set(path, (unsyncedBytes.get(path) ?? 0) + 1);
          };
        }
        if (property === 'sync' || property === 'datasync') {
          return async () => {
            await (property === 'sync' ? target.sync() : target.datasync());
            durableBytes.set(path, (durableBytes.get(path) ?? 0) + (unsyncedBytes.get(path) ?? 0));
            unsyncedBytes.delete(path);
            // fsync of a directory makes the names in it durable
            unsyncedNames.delete(path);
            unsyncedRenames.delete(path);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  const files: FileSystem = {
    ...fs,
    open: async (path: PathLike, flags?: string | number, mode?: Mode) => {
      const absolute = resolve(String(path));
      const existed = existsSync(absolute);
      const handle = await fs.open(absolute, flags, mode);
      if (!existed) nameChanged(absolute);
      return watch(absolute, handle);
    },
    rename: async (from, to) => {
      const source = resolve(String(from));
      if (unsyncedBytes.has(source)) {
        violations.push(`${source} was renamed into place with bytes not yet fsynced`);
      }
      await fs.rename(from, to);
      nameChanged(source);
      nameChanged(resolve(String(to)));
      nameChanged(resolve(String(to)), unsyncedRenames);
      unsyncedBytes.delete(source);
    },
    rm: async (path, options) => {
      const absolute = resolve(String(path));
      const pendingRenames = [...(unsyncedRenames.get(dirname(absolute)) ?? [])];
      if (pendingRenames.length > 0) {
        violations.push(`${absolute} was removed before ${pendingRenames.join(', ')} was durable in the directory`);
      }
      await fs.rm(path, options);
      nameChanged(absolute);
    },
  };

  return {
    files,
    violations,
    durable: (which) => [...durableBytes].reduce((sum, [path, bytes]) => (which.test(path) ? sum + bytes : sum), 0),
    volatile: (which) => [
      ...[...unsyncedBytes.keys()].filter((path) => which.test(path)),
      ...[...unsyncedNames.values()].flatMap((names) => [...names].filter((path) => which.test(path))),
    ],
  };
}
