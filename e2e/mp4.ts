// A tiny MP4 built from bytes, for platforms whose posts are a video: an `ftyp` box (brand
// isom, the type the media library sniffs), a `moov` with an `mvhd` saying how long it plays, and
// an `mdat` of filler. It is not decodable, only recognisable and measurable, which is all an
// emulated platform needs.

const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
};

export function tinyMp4(seconds = 5): Buffer {
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2mp41", "latin1"));
  // mvhd version 0: flags, creation and modification times, timescale 1000, duration in ms, then the rest zeroed.
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(seconds * 1000, 16);
  const moov = box("moov", box("mvhd", mvhd));
  return Buffer.concat([ftyp, moov, box("mdat", Buffer.alloc(4096))]);
}
