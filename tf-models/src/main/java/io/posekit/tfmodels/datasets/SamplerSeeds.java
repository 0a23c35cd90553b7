package io.posekit.tfmodels.datasets;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Seeds and permutations shared by the samplers and the data loader. */
final class SamplerSeeds {
  private SamplerSeeds() {}

  /** A fresh seed when the config gives none, as MMEngine's {@code sync_random_seed} draws one. */
  static int randomSeed() {
    return new SecureRandom().nextInt(Integer.MAX_VALUE);
  }

  /** A Fisher-Yates permutation of {@code 0..n-1} drawn from {@code rnd}. */
  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** SplitMix64's finaliser: a well-mixed 64-bit value from {@code z}. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed for one sample's random generator from the loader seed, the epoch and the sample's position. */
  static long sampleSeed(long seed, int epoch, long position, int index) {
    long h = mix(seed + 0x9e3779b97f4a7c15L);
    h = mix(h ^ epoch);
    h = mix(h ^ position);
    return mix(h ^ index);
  }
}
