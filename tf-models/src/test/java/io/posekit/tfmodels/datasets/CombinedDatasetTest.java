package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.Transform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CombinedDatasetTest {
  /** n samples whose area is base + index, meta of AIC (its flip indices differ from COCO's). */
  record Numbered(int n, int base) implements PoseDataset {
    @Override
    public int size() {
      return n;
    }

    @Override
    public PoseSample get(int idx, RandomGenerator rng) {
      assertTrue(idx >= 0 && idx < n, "local index " + idx);
      PoseSample s = new PoseSample();
      s.area = base + idx;
      s.flipIndices = AicMetaInfo.META.flipIndices().clone();
      return s;
    }

    @Override
    public DatasetMeta metainfo() {
      return AicMetaInfo.META;
    }
  }

  static Map<String, Object> cocoMeta() {
    Map<String, Object> m = new HashMap<>();
    m.put("from_file", "configs/_base_/datasets/coco.py");
    return m;
  }

  @Test
  void samplesFollowEachOtherAndTakeTheCombinedMeta() {
    Transform mark = (s, rng) -> {
      s.area += 0.5;
      return s;
    };
    CombinedDataset c = new CombinedDataset(cocoMeta(), List.of(new Numbered(3, 100), new Numbered(2, 200)), List.of(mark), null, false, 1000);
    assertEquals(5, c.size());
    assertArrayEquals(new int[] {3, 2}, c.datasetLengths());
    double[] areas = new double[5];
    for (int i = 0; i < 5; i++) {
      PoseSample s = c.get(i, new SplittableRandom(i));
      areas[i] = s.area;
      assertArrayEquals(DatasetMeta.coco().flipIndices(), s.flipIndices);
      assertEquals(DatasetMeta.coco().upperBodyIds(), s.upperBodyIds);
    }
    assertArrayEquals(new double[] {100.5, 101.5, 102.5, 200.5, 201.5}, areas);
    assertArrayEquals(new int[] {1, 1}, c.subsetIndex(-1, new SplittableRandom(0)));
    assertThrows(IndexOutOfBoundsException.class, () -> c.get(5, new SplittableRandom(0)));
  }

  @Test
  void sampleRatioFactorResizesAndStretchesTheIndex() {
    // 10 samples at factor 0.5 -> round(5.0) = 5; 3 samples at factor 2 -> 6
    CombinedDataset c = new CombinedDataset(cocoMeta(), List.of(new Numbered(10, 0), new Numbered(3, 100)), List.of(),
        new double[] {0.5, 2.0}, false, 1000);
    assertArrayEquals(new int[] {5, 6}, c.datasetLengths());
    // first set: gap = (10 - 1e-4) / 5 ~ 2, local index round(2 i + 2 u - 0.5) covers 2i .. 2i + 1
    SplittableRandom rng = new SplittableRandom(9);
    boolean[] seen = new boolean[10];
    for (int t = 0; t < 400; t++) {
      for (int i = 0; i < 5; i++) {
        int[] at = c.subsetIndex(i, rng);
        assertEquals(0, at[0]);
        assertTrue(at[1] == 2 * i || at[1] == 2 * i + 1, "index " + i + " -> " + at[1]);
        seen[at[1]] = true;
      }
      // second set: gap = (3 - 1e-4) / 6 ~ 0.5; local 5 -> round(2.4999 + 0.49998 u - 0.5) = 2
      int[] at = c.subsetIndex(5 + 5, rng);
      assertArrayEquals(new int[] {1, 2}, at);
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
    assertThrows(IllegalArgumentException.class, () -> new CombinedDataset(cocoMeta(), List.of(new Numbered(1, 0)), List.of(),
        new double[] {1, 1}, false, 1000));
  }

  @Test
  void droppedSamplesAreRefetchedInTrainingOnly() {
    Transform dropLow = (s, rng) -> s.area < 2 ? null : s;
    CombinedDataset train = new CombinedDataset(cocoMeta(), List.of(new Numbered(4, 0)), List.of(dropLow), null, false, 1000);
    List<Double> got = new ArrayList<>();
    for (int seed = 0; seed < 20; seed++) {
      got.add(train.get(0, new SplittableRandom(seed)).area);
    }
    assertTrue(got.stream().allMatch(a -> a >= 2), got.toString());
    CombinedDataset test = new CombinedDataset(cocoMeta(), List.of(new Numbered(4, 0)), List.of(dropLow), null, true, 1000);
    assertThrows(IllegalStateException.class, () -> test.get(0, new SplittableRandom(0)));
  }

  @Test
  void persistentLoaderThreadsTakeASwitchedPipelineFromTheNextEpoch() {
    Transform stage1 = (s, rng) -> {
      s.area += 0.25;
      return s;
    };
    Transform stage2 = (s, rng) -> {
      s.area += 0.75;
      return s;
    };
    CombinedDataset c = new CombinedDataset(cocoMeta(), List.of(new Numbered(7, 0), new Numbered(5, 100)), List.of(stage1), null, false, 1000);
    try (DataLoader loader = new DataLoader(c, new DefaultSampler(c, true, 3, true), 4, 2, true, false, 3)) {
      for (List<PoseSample> batch : loader) {
        batch.forEach(s -> assertEquals(0.25, s.area % 1, 1e-12));
      }
      c.setPipeline(List.of(stage2));
      loader.setEpoch(1);
      int n = 0;
      for (List<PoseSample> batch : loader) {
        for (PoseSample s : batch) {
          assertEquals(0.75, s.area % 1, 1e-12, "a sample of the second epoch went through the first pipeline");
          n++;
        }
      }
      assertEquals(12, n);
    }
  }

  @Test
  void repeatDatasetCyclesThroughItsDataset() {
    RepeatDataset r = new RepeatDataset(new Numbered(3, 10), 4, false);
    assertEquals(12, r.size());
    assertEquals(10, r.get(9, new SplittableRandom(0)).area);
    assertEquals(12, r.get(11, new SplittableRandom(0)).area);
    assertSame(AicMetaInfo.META, r.metainfo());
  }
}
