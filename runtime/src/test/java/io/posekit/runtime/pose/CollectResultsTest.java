package io.posekit.runtime.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MMEngine's collect_results order: rank r held samples r, r + W, ...; padding cut at the data set's size. */
class CollectResultsTest {
  @Test
  void roundUpPaddingIsCutAtTheDataSetsSize() {
    // 5 samples over 2 ranks with round_up: rank 0 gets 0, 2, 4; rank 1 gets 1, 3 and 0 again
    assertEquals(List.of(0, 1, 2, 3, 4), CollectResults.interleave(List.of(List.of(0, 2, 4), List.of(1, 3, 0)), 5));
  }

  @Test
  void unevenPartsLoseNoSample() {
    // without round_up rank 0 has one more: MMEngine's zip(*parts) would drop sample 4
    assertEquals(List.of(0, 1, 2, 3, 4), CollectResults.interleave(List.of(List.of(0, 2, 4), List.of(1, 3)), 5));
  }

  @Test
  void threeRanks() {
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6),
        CollectResults.interleave(List.of(List.of(0, 3, 6), List.of(1, 4, 0), List.of(2, 5, 1)), 7));
  }
}
