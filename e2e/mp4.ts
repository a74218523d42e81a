// A tiny MP4 built from bytes (no ffmpeg): an ftyp box and a movie header (moov/mvhd) saying one
// second at 1000 units a second, and an empty mdat. The app recognises it as video/mp4 by its
// ftyp brand, as it does any upload, and a platform that takes videos receives it.

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
}

const u32 = (...ns: number[]) => Buffer.concat(ns.map((n) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])));

/** ftyp (isom, compatible isom/iso2/mp41) + moov/mvhd (version 0) + an empty mdat. */
export function tinyMp4(): Buffer {
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2mp41", "latin1"));
  const mvhd = box(
    "mvhd",
    u32(0), // version 0, flags 0
    u32(0, 0), // creation and modification times
    u32(1000, 1000), // timescale 1000/s, duration 1000: one second
    u32(0x00010000), // rate 1.0
    Buffer.from([0x01, 0x00]), // volume 1.0
    Buffer.alloc(10), // reserved
    u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000), // unity matrix
    Buffer.alloc(24), // pre-defined
    u32(2), // next track id
  );
  return Buffer.concat([ftyp, box("moov", mvhd), box("mdat")]);
}
