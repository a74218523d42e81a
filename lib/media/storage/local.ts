import { createReadStream } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { mediaDir } from "../paths";
import type { ByteRange } from "../range";
import { assertMediaKey, type MediaStorage } from "./types";

// The default store: files under DATA_DIR/media, the layout the app has always used
// ("<org>/<hex>.<ext>"), so an existing install keeps its files. A key must resolve inside the
// media folder, whatever a row says.

export function localFilePath(key: string): string | null {
  const root = path.resolve(/*turbopackIgnore: true*/ mediaDir());
  const file = path.resolve(root, key);
  return file.startsWith(root + path.sep) ? file : null;
}

function fileOf(key: string): string {
  assertMediaKey(key);
  const file = localFilePath(key);
  if (!file) throw new Error(`media key outside the media folder: ${key}`);
  return file;
}

export const localStorage: MediaStorage = {
  kind: "local",
  async putFile(key, tempFile) {
    const target = fileOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // The temp file is written in the same folder, so this is a rename; a copy covers a temp
    // folder on another device.
    await rename(tempFile, target).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== "EXDEV") throw e;
      await copyFile(tempFile, target);
      await rm(tempFile, { force: true });
    });
  },
  async size(key) {
    return stat(fileOf(key)).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
  },
  async open(key, range?: ByteRange | null) {
    const file = fileOf(key);
    return Readable.toWeb(createReadStream(file, range ? { start: range.start, end: range.end } : {})) as ReadableStream<Uint8Array>;
  },
  async read(key) {
    return new Uint8Array(await readFile(fileOf(key)));
  },
  async remove(key) {
    await rm(fileOf(key), { force: true });
  },
  async presignGet() {
    return null;
  },
};
