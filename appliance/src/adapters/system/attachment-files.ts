/**
 * Files attached to requests, in <data>/attachments/<ticket id>/<attachment
 * id>: names are ids the appliance minted, never what the user uploaded, so
 * nothing a user types ever becomes a path.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const SAFE = /^[A-Za-z0-9._-]{1,128}$/;

export function createAttachmentFiles(dir: string) {
  const root = resolve(dir);
  const fileOf = (ticketId: string, id: string) => {
    if (!SAFE.test(ticketId) || !SAFE.test(id) || ticketId.startsWith('.') || id.startsWith('.')) throw new Error(`not an attachment id: ${ticketId}/${id}`);
    return join(root, ticketId, id);
  };
  return {
    async write(ticketId: string, id: string, bytes: Buffer) {
      const file = fileOf(ticketId, id);
      await mkdir(join(root, ticketId), { recursive: true });
      // Written aside and renamed: a crash never leaves half a file under the final name.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    },
    async read(ticketId: string, id: string) {
      const file = fileOf(ticketId, id);
      const s = await stat(file).catch(() => null);
      return s?.isFile() ? { size: s.size, body: createReadStream(file) as AsyncIterable<Uint8Array> } : null;
    },
    async remove(ticketId: string, id: string) {
      await rm(fileOf(ticketId, id), { force: true });
    },
  };
}
