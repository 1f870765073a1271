package dev.grove.hash;

/**
 * SHA-1 (FIPS 180-4), incremental. Pure Java because TeaVM has no {@code MessageDigest}.
 * Not thread-safe; {@link #digest()} ends the computation.
 */
public final class Sha1 {
  private final int[] h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  private final int[] w = new int[80];
  private final byte[] block = new byte[64];
  private int blockLength;
  private long totalLength;
  private boolean finished;

  /** The SHA-1 of {@code bytes}. */
  public static byte[] hash(byte[] bytes) {
    Sha1 sha = new Sha1();
    sha.update(bytes, 0, bytes.length);
    return sha.digest();
  }

  public Sha1 update(byte[] bytes) {
    return update(bytes, 0, bytes.length);
  }

  public Sha1 update(byte[] bytes, int offset, int length) {
    if (finished) {
      throw new IllegalStateException("digest() was already called");
    }
    totalLength += length;
    if (blockLength > 0) {
      int take = Math.min(64 - blockLength, length);
      System.arraycopy(bytes, offset, block, blockLength, take);
      blockLength += take;
      offset += take;
      length -= take;
      if (blockLength == 64) {
        compress(block, 0);
        blockLength = 0;
      }
    }
    while (length >= 64) {
      compress(bytes, offset);
      offset += 64;
      length -= 64;
    }
    if (length > 0) {
      System.arraycopy(bytes, offset, block, 0, length);
      blockLength = length;
    }
    return this;
  }

  /** Pads, finishes and returns the 20-byte digest. */
  public byte[] digest() {
    if (finished) {
      throw new IllegalStateException("digest() was already called");
    }
    long bitLength = totalLength * 8;
    byte[] padding = new byte[(blockLength < 56 ? 56 : 120) - blockLength + 8];
    padding[0] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      padding[padding.length - 1 - i] = (byte) (bitLength >>> (8 * i));
    }
    update(padding, 0, padding.length);
    finished = true;
    byte[] out = new byte[20];
    for (int i = 0; i < 5; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    return out;
  }

  /**
   * One 64-byte block. Rotations are written out and the four rounds are four loops: TeaVM
   * compiles {@code Integer.rotateLeft} to a call with a class-initialisation check, and this
   * loop is most of the time of every commit into a large directory.
   */
  private void compress(byte[] in, int offset) {
    int[] w = this.w;
    for (int i = 0; i < 16; i++) {
      int p = offset + 4 * i;
      w[i] = (in[p] << 24) | ((in[p + 1] & 0xff) << 16) | ((in[p + 2] & 0xff) << 8) | (in[p + 3] & 0xff);
    }
    for (int i = 16; i < 80; i++) {
      int x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    int a = h[0];
    int b = h[1];
    int c = h[2];
    int d = h[3];
    int e = h[4];
    int i = 0;
    for (; i < 20; i++) {
      int t = ((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5A827999 + w[i];
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (; i < 40; i++) {
      int t = ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ED9EBA1 + w[i];
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (; i < 60; i++) {
      int t = ((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8F1BBCDC + w[i];
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (; i < 80; i++) {
      int t = ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xCA62C1D6 + w[i];
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
}
