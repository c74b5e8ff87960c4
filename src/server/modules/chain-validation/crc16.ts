/**
 * CRC-16/XMODEM (polynomial 0x1021, initial value 0, no reflection), the
 * checksum of Stellar StrKeys (SEP-23, appended little-endian) and TON
 * user-friendly addresses (appended big-endian). @scure/base and
 * @noble/hashes have no CRC16, hence this small implementation.
 */
export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}
