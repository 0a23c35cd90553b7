package io.posekit.runtime.engine.randomness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomnessTest {
  @Test
  void derivedStreamsDependOnlyOnSeedAndPath() {
    Randomness a = new Randomness(7, false);
    Randomness b = new Randomness(7, false);
    a.global().nextLong(); // using one stream does not move another
    assertArrayEquals(a.derive("sampler", 3).permutation(50), b.derive("sampler", 3).permutation(50));
    assertNotEquals(Arrays.toString(a.derive("sampler", 3).permutation(50)), Arrays.toString(a.derive("sampler", 4).permutation(50)));
    assertNotEquals(a.derive("worker", 0).nextLong(), a.derive("worker", 1).nextLong());
    assertNotEquals(new Randomness(8, false).derive("sampler", 3).nextLong(), b.derive("sampler", 3).nextLong());
  }

  @Test
  void stateRoundTripContinuesExactly() {
    Randomness a = new Randomness(123, true);
    for (int i = 0; i < 17; i++) {
      a.global().nextDouble();
    }
    Map<String, Object> state = a.stateDict();
    Randomness b = new Randomness(999, true);
    b.loadStateDict(state);
    assertEquals(123, b.seed());
    for (int i = 0; i < 100; i++) {
      assertEquals(a.global().nextLong(), b.global().nextLong());
    }
    assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(Map.of("seed", 1)));
  }

  @Test
  void boundedValuesAreInRangeAndPermutationsArePermutations() {
    SeededGenerator g = SeededGenerator.fromSeed(1);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      counts[g.nextInt(3)]++;
    }
    for (int c : counts) {
      assertEquals(1000, c, 150);
    }
    int[] p = g.permutation(20);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 20; i++) {
      assertEquals(i, sorted[i]);
    }
  }
}
