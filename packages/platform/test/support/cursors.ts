// Cursors no list can give, each for its own reason: they name no position in
// any store, so every list refuses them where they enter.

const base64url = (bytes: readonly number[]): string => Buffer.from(bytes).toString('base64url');

/** A cursor that cannot be a position, by what is wrong with it. */
export const cursorsThatAreNoPosition: Readonly<Record<string, string>> = {
  'a NUL character': 'AA',
  'a bell character': base64url([0x61, 0x07, 0x62]),
  'a DEL character': base64url([0x7f]),
  'bytes that are not UTF-8': base64url([0xff, 0xfe]),
  'a half-written UTF-8 character': base64url([0x61, 0xe2, 0x82]),
  'a single base64url character': '0',
  'bits left over past its last byte': 'QR',
};
