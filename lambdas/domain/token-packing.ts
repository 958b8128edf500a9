import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A compact, lossless binary form of a few JWT-shaped strings (and a JSON value), for the sign-in session:
 * each dot-separated base64url segment is stored as the bytes it encodes (a quarter smaller) unless it
 * would not come back byte for byte, and the whole is deflated (the JSON parts of the tokens shrink).
 */
const RAW = 0;
const BASE64URL = 1;
const MAX_INFLATED = 64 * 1024;

function segmentBytes(segment: string): [number, Buffer] {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? [BASE64URL, bytes] : [RAW, Buffer.from(segment)];
}

export function pack(json: unknown, strings: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const head = Buffer.from(JSON.stringify(json));
  parts.push(u32(head.length), head, Buffer.from([strings.length]));
  for (const value of strings) {
    const segments = value.split('.');
    parts.push(Buffer.from([segments.length]));
    for (const segment of segments) {
      const [kind, bytes] = segmentBytes(segment);
      parts.push(Buffer.from([kind]), u32(bytes.length), bytes);
    }
  }
  return deflateRawSync(Buffer.concat(parts));
}

/** The JSON value and strings packed by `pack`; throws on anything else. */
export function unpack(packed: Buffer): { json: unknown; strings: string[] } {
  const data = inflateRawSync(packed, { maxOutputLength: MAX_INFLATED });
  let at = 0;
  const take = (n: number) => {
    if (at + n > data.length) throw new Error('truncated');
    const slice = data.subarray(at, at + n);
    at += n;
    return slice;
  };
  const u32 = () => take(4).readUInt32BE();
  const json = JSON.parse(take(u32()).toString('utf8')) as unknown;
  const strings: string[] = [];
  for (let count = take(1)[0]!; count > 0; count--) {
    const segments: string[] = [];
    for (let n = take(1)[0]!; n > 0; n--) {
      const kind = take(1)[0];
      const bytes = take(u32());
      if (kind !== RAW && kind !== BASE64URL) throw new Error('unknown segment kind');
      segments.push(kind === BASE64URL ? bytes.toString('base64url') : bytes.toString('utf8'));
    }
    strings.push(segments.join('.'));
  }
  if (at !== data.length) throw new Error('trailing bytes');
  return { json, strings };
}
