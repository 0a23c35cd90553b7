package io.posekit.tfmodels.evaluation;

import static io.posekit.tfmodels.evaluation.EvalFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class OksNmsTest {
  private final double[][] kpts = {
    asDetection(person(10, 10)), asDetection(shifted(person(10, 10), 0.5, 0)), asDetection(person(300, 10))
  };
  private final double[] areas = {4000, 4000, 4000};

  @Test
  void oksIouAveragesTheTwoAreas() {
    double[] a = kpts[0];
    double[] b = shifted(a, 3, 4);
    float[] ious = OksNms.oksIou(a, 3000, new double[][] {b}, new double[] {5000}, SIGMAS);
    assertEquals((float) oksByHand(a, b, 4000), ious[0], 1e-6);
  }

  @Test
  void oksNmsDropsNearDuplicatesOfTheBest() {
    List<Integer> keep = OksNms.oksNms(kpts, areas, new double[] {0.7, 0.9, 0.8}, 0.9, SIGMAS);
    assertEquals(List.of(1, 2), keep); // 0 overlaps 1 (OKS ~ 0.99) and has the lower score
    // a threshold above the overlap keeps all three, best first
    assertEquals(List.of(1, 2, 0), OksNms.oksNms(kpts, areas, new double[] {0.7, 0.9, 0.8}, 0.999, SIGMAS));
  }

  @Test
  void tiesGoToTheLaterInstanceAsNumpyArgsortReversed() {
    // np.array([.5, .5, .5]).argsort()[::-1] is [2, 1, 0]: 2 first, then 1, which suppresses 0
    assertEquals(List.of(2, 1), OksNms.oksNms(kpts, areas, new double[] {0.5, 0.5, 0.5}, 0.9, SIGMAS));
  }

  @Test
  void softOksNmsLowersOverlappingScoresInsteadOfDropping() {
    // the duplicate (0.8) falls to about 0.8 * exp(-1 / 0.9) = 0.26, below the distinct one (0.5)
    List<Integer> keep = OksNms.softOksNms(kpts, areas, new double[] {0.9, 0.8, 0.5}, 0.9, 20, SIGMAS);
    assertEquals(List.of(0, 2, 1), keep);
    assertEquals(List.of(0, 2), OksNms.softOksNms(kpts, areas, new double[] {0.9, 0.8, 0.5}, 0.9, 2, SIGMAS));
  }
}
