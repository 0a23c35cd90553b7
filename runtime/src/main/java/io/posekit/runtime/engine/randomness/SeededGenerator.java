package io.posekit.runtime.engine.randomness;

import java.util.Arrays;

/**
 * xoshiro256** with an explicit, savable state: every random number the engine draws comes from one
 * of these, so a checkpoint can hold the exact position of each stream. Children are derived by
 * name and index (a worker, an epoch) through SplitMix64 hashing, so a stream's values depend only
 * on the root seed and its path, never on how much another stream was used.
 */
public final class SeededGenerator {
  private final long[] s = new long[4];

  private SeededGenerator(long seed) {
    long x = seed;
    for (int i = 0; i < 4; i++) {
      x += 0x9E3779B97F4A7C15L;
      s[i] = mix(x);
    }
  }

  /** A generator seeded from a 64-bit seed. */
  public static SeededGenerator fromSeed(long seed) {
    return new SeededGenerator(seed);
  }

  /** The generator of {@code name}/{@code index} below a stream seeded with {@code seed}. */
  public static SeededGenerator derive(long seed, String name, long index) {
    long h = mix(seed ^ 0x6A09E667F3BCC909L);
    for (int i = 0; i < name.length(); i++) {
      h = mix(h ^ name.charAt(i));
    }
    return new SeededGenerator(mix(h ^ mix(index + 0x3C6EF372FE94F82BL)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    long result = Long.rotateLeft(s[1] * 5, 7) * 9;
    long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Long.rotateLeft(s[3], 45);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound) without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, got " + bound);
    }
    // java.util.Random's rejection of the top partial range, on 31 bits.
    while (true) {
      int bits = (int) (nextLong() >>> 33);
      int v = bits % bound;
      if (bits - v + (bound - 1) >= 0) {
        return v;
      }
    }
  }

  /** Standard normal by Box–Muller (one value per call, two uniforms consumed). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Fisher–Yates permutation of 0..n-1. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The full state, for checkpoints. */
  public long[] state() {
    return s.clone();
  }

  /** Continues exactly where the generator that produced {@code state} was. */
  public void setState(long[] state) {
    if (state.length != 4 || Arrays.stream(state).allMatch(v -> v == 0)) {
      throw new IllegalArgumentException(
          "generator state must be 4 longs, not all zero; got " + Arrays.toString(state));
    }
    System.arraycopy(state, 0, s, 0, 4);
  }
}
