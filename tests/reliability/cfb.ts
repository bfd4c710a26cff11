// A minimal Compound File Binary (CFB, "OLE2") writer, for the files Excel saves when a
// workbook has a password to open (an EncryptionInfo and an EncryptedPackage stream instead
// of a zip) and for old .xls files (a Workbook stream). [MS-CFB] version 3: 512-byte
// sectors, one FAT sector, one directory sector; every stream is padded to 4,096 bytes or
// more so that it lives in ordinary sectors and no mini stream is needed.

const SECTOR = 512;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const MINI_CUTOFF = 4096;

export interface CfbStream {
  readonly name: string;
  readonly data: Buffer;
}

/** [MS-CFB] 2.6.4: siblings are ordered by name length, then by upper-cased name. */
function compareNames(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function directoryEntry(name: string, type: 1 | 2 | 5, color: 0 | 1, left: number, right: number, child: number, start: number, size: number): Buffer {
  const e = Buffer.alloc(128);
  if (name.length > 31) throw new Error(`CFB name too long: ${name}`);
  e.write(name, 0, "utf16le");
  e.writeUInt16LE(name.length === 0 ? 0 : (name.length + 1) * 2, 64);
  e.writeUInt8(type, 66);
  e.writeUInt8(color, 67);
  e.writeUInt32LE(left, 68);
  e.writeUInt32LE(right, 72);
  e.writeUInt32LE(child, 76);
  e.writeUInt32LE(start, 116);
  e.writeUInt32LE(size, 120); // version 3: the high 32 bits stay 0
  return e;
}

/** A CFB file holding up to three streams at the root. */
export function cfbFile(streams: readonly CfbStream[]): Buffer {
  if (streams.length === 0 || streams.length > 3) throw new Error("cfbFile holds one to three streams");
  const sorted = [...streams].sort((a, b) => compareNames(a.name, b.name));
  const padded = sorted.map((s) => {
    const size = Math.max(MINI_CUTOFF, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = Buffer.alloc(size);
    s.data.copy(data);
    return { name: s.name, data, size: s.data.length >= MINI_CUTOFF ? s.data.length : size };
  });

  // Sector 0: the FAT; sector 1: the directory; then each stream's sectors in a row.
  const starts: number[] = [];
  let next = 2;
  for (const s of padded) {
    starts.push(next);
    next += s.data.length / SECTOR;
  }
  if (next > SECTOR / 4) throw new Error("cfbFile: streams too large for one FAT sector");
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  padded.forEach((s, i) => {
    const count = s.data.length / SECTOR;
    for (let k = 0; k < count; k++) fat.writeUInt32LE(k === count - 1 ? ENDOFCHAIN : starts[i] + k + 1, (starts[i] + k) * 4);
  });

  // A valid red-black tree of up to three siblings: the middle one black, its neighbours red.
  const ids = padded.map((_, i) => i + 1);
  const mid = Math.floor(padded.length / 2);
  const entries = [directoryEntry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, ids[mid], ENDOFCHAIN, 0)];
  padded.forEach((s, i) => {
    const isMid = i === mid;
    entries.push(
      directoryEntry(
        s.name,
        2,
        isMid ? 1 : 0,
        isMid && mid > 0 ? ids[mid - 1] : NOSTREAM,
        isMid && mid + 1 < padded.length ? ids[mid + 1] : NOSTREAM,
        NOSTREAM,
        starts[i],
        s.size,
      ),
    );
  });
  while (entries.length < 4) entries.push(directoryEntry("", 0 as 1, 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0));

  const header = Buffer.alloc(SECTOR);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 2^9 = 512-byte sectors
  header.writeUInt16LE(6, 32); // 2^6 = 64-byte mini sectors
  header.writeUInt32LE(0, 40); // directory sectors (0 in version 3)
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0, 52); // transaction signature
  header.writeUInt32LE(MINI_CUTOFF, 56);
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 72);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);

  return Buffer.concat([header, fat, Buffer.concat(entries), ...padded.map((s) => s.data)]);
}

/** What Excel writes for a workbook with a password to open (Agile encryption, [MS-OFFCRYPTO] 2.3.4.10). */
export function encryptedWorkbook(): Buffer {
  const descriptor =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(descriptor, "utf8")]);
  const pkg = Buffer.alloc(8192);
  pkg.writeUInt32LE(7000, 0); // StreamSize of the (encrypted) zip, then ciphertext
  for (let i = 8; i < pkg.length; i++) pkg[i] = (i * 131 + 7) & 0xff;
  return cfbFile([
    { name: "EncryptionInfo", data: info },
    { name: "EncryptedPackage", data: pkg },
  ]);
}

/** An Excel 97–2003 workbook (.xls) in a CFB container: a BIFF8 Workbook stream (BOF record only). */
export function legacyXls(): Buffer {
  const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  return cfbFile([{ name: "Workbook", data: bof }]);
}

/** Stream names of a CFB file's root (to check the writer above against its own reader). */
export function cfbStreamNames(file: Buffer): string[] {
  if (!file.subarray(0, 8).equals(Buffer.from("d0cf11e0a1b11ae1", "hex"))) throw new Error("not a CFB file");
  const dirSector = file.readUInt32LE(48);
  const dir = file.subarray(SECTOR * (dirSector + 1), SECTOR * (dirSector + 2));
  const names: string[] = [];
  for (let off = 0; off < SECTOR; off += 128) {
    const type = dir.readUInt8(off + 66);
    if (type !== 2) continue;
    const len = dir.readUInt16LE(off + 64);
    names.push(dir.toString("utf16le", off, off + len - 2));
  }
  return names;
}
