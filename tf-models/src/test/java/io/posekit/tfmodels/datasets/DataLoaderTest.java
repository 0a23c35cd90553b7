package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.structures.PoseSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** A data set whose samples record their index and a draw of their generator; slow at random. */
  private static final class FakeDataset implements PoseDataset {
    private final int size;
    private final int failAt;

    FakeDataset(int size, int failAt) {
      this.size = size;
      this.failAt = failAt;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public PoseSample get(int idx, RandomGenerator rng) {
      if (idx == failAt) {
        throw new IllegalStateException("broken JPEG");
      }
      PoseSample s = new PoseSample();
      s.sampleIdx = idx;
      s.area = rng.nextDouble();
      s.datasetName = Thread.currentThread().getName();
      // uneven work so that workers finish out of order
      if ((idx * 7) % 3 == 0) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return s;
    }

    @Override
    public DatasetMeta metainfo() {
      return DatasetMeta.coco();
    }

    @Override
    public String describe(int idx) {
      return "sample " + idx + " (img_path=img_" + idx + ".jpg)";
    }
  }

  private static List<String> run(DataLoader loader) {
    List<String> out = new ArrayList<>();
    for (List<PoseSample> batch : loader) {
      StringBuilder b = new StringBuilder();
      for (PoseSample s : batch) {
        b.append(s.sampleIdx).append(':').append(s.area).append(' ');
      }
      out.add(b.toString());
    }
    return out;
  }

  private static int[] order(DataLoader loader) {
    List<Integer> ids = new ArrayList<>();
    for (List<PoseSample> batch : loader) {
      batch.forEach(s -> ids.add(s.sampleIdx));
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void sameBatchesWithZeroOneAndTwoWorkers() {
    FakeDataset data = new FakeDataset(23, -1);
    List<List<String>> epochs = new ArrayList<>();
    for (int workers : new int[] {0, 1, 2}) {
      try (DataLoader loader =
          new DataLoader(data, new DefaultSampler(data, true, 5, true), 4, workers, workers > 0, false, 42)) {
        List<String> both = new ArrayList<>(run(loader));
        loader.setEpoch(1);
        both.addAll(run(loader));
        epochs.add(both);
      }
    }
    assertEquals(6 + 6, epochs.get(0).size());
    assertEquals(epochs.get(0), epochs.get(1));
    assertEquals(epochs.get(0), epochs.get(2));
    // epoch 1 is another order with other random draws
    assertNotEquals(epochs.get(0).subList(0, 6), epochs.get(0).subList(6, 12));
  }

  private static Set<String> pools(DataLoader loader) {
    Set<String> names = new HashSet<>();
    for (List<PoseSample> batch : loader) {
      batch.forEach(s -> names.add(s.datasetName.replaceAll("-worker-\\d+$", "")));
    }
    return names;
  }

  @Test
  void persistentWorkersOutliveAnEpoch() {
    FakeDataset data = new FakeDataset(8, -1);
    try (DataLoader persistent = new DataLoader(data, new DefaultSampler(data, false, 0, true), 2, 2, true, false, 0)) {
      Set<String> first = pools(persistent);
      assertEquals(1, first.size());
      assertEquals(first, pools(persistent));
    }
    DataLoader fresh = new DataLoader(data, new DefaultSampler(data, false, 0, true), 2, 2, false, false, 0);
    assertNotEquals(pools(fresh), pools(fresh));
    Set<String> serial = pools(new DataLoader(data, new DefaultSampler(data, false, 0, true), 2, 0, false, false, 0));
    assertEquals(Set.of(Thread.currentThread().getName()), serial);
    assertThrows(IllegalArgumentException.class, () -> new DataLoader(data, new DefaultSampler(data, false, 0, true), 2, 0, true, false, 0));
  }

  @Test
  void batchesFollowTheSamplerOrder() {
    FakeDataset data = new FakeDataset(10, -1);
    DefaultSampler sampler = new DefaultSampler(data, true, 3, true);
    int[] expected = sampler.indices();
    DataLoader loader = new DataLoader(data, sampler, 3, 2, false, false, 0);
    assertArrayEquals(expected, order(loader));
    assertEquals(4, loader.length());
    List<Integer> sizes = new ArrayList<>();
    for (List<PoseSample> b : loader) {
      sizes.add(b.size());
    }
    assertEquals(List.of(3, 3, 3, 1), sizes);
  }

  @Test
  void dropLastDropsTheShortBatch() {
    FakeDataset data = new FakeDataset(10, -1);
    for (int workers : new int[] {0, 2}) {
      DataLoader loader = new DataLoader(data, new DefaultSampler(data, false, 0, true), 3, workers, false, true, 0);
      assertEquals(3, loader.length());
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, order(loader));
    }
  }

  @Test
  void aWorkerErrorNamesTheSampleAndItsFile() {
    FakeDataset data = new FakeDataset(12, 7);
    for (int workers : new int[] {0, 2}) {
      DataLoader loader = new DataLoader(data, new DefaultSampler(data, false, 0, true), 4, workers, false, false, 0);
      DataLoaderException e = assertThrows(DataLoaderException.class, () -> order(loader));
      assertEquals(7, e.sampleIndex());
      assertTrue(e.getMessage().contains("sample 7 (img_path=img_7.jpg)"), e.getMessage());
      assertTrue(e.getMessage().contains("broken JPEG"), e.getMessage());
      assertInstanceOf(IllegalStateException.class, e.getCause());
    }
  }

  @Test
  void defaultSamplerIsDeterministicPerSeedAndEpoch() {
    FakeDataset data = new FakeDataset(50, -1);
    DefaultSampler a = new DefaultSampler(data, true, 1, true);
    DefaultSampler b = new DefaultSampler(data, true, 1, true);
    DefaultSampler c = new DefaultSampler(data, true, 2, true);
    assertArrayEquals(a.indices(), b.indices());
    assertFalse(Arrays.equals(a.indices(), c.indices()));
    int[] epoch0 = a.indices();
    a.setEpoch(1);
    assertFalse(Arrays.equals(epoch0, a.indices()));
    // MMEngine seeds the generator with seed + epoch: epoch 1 of seed 1 is epoch 0 of seed 2
    assertArrayEquals(c.indices(), a.indices());
    int[] sorted = epoch0.clone();
    Arrays.sort(sorted);
    int[] all = new int[50];
    Arrays.setAll(all, i -> i);
    assertArrayEquals(all, sorted);
    assertArrayEquals(all, new DefaultSampler(data, false, null, true).indices());
  }

  @Test
  void roundUpGivesEveryRankAsManyIndices() {
    FakeDataset data = new FakeDataset(10, -1);
    int[] r0 = new DefaultSampler(data, false, 0, true).partition(0, 4).indices();
    int[] r3 = new DefaultSampler(data, false, 0, true).partition(3, 4).indices();
    assertArrayEquals(new int[] {0, 4, 8}, r0);
    assertArrayEquals(new int[] {3, 7, 1}, r3); // 10 indices padded to 12 with 0, 1
    int[] r3NoRound = new DefaultSampler(data, false, 0, false).partition(3, 4).indices();
    assertArrayEquals(new int[] {3, 7}, r3NoRound);
  }

  @Test
  void infiniteSamplerRepeatsPermutations() {
    FakeDataset data = new FakeDataset(5, -1);
    InfiniteSampler s = new InfiniteSampler(data, true, 9);
    PrimitiveIterator.OfInt it = s.iterator();
    PrimitiveIterator.OfInt again = new InfiniteSampler(data, true, 9).iterator();
    for (int pass = 0; pass < 3; pass++) {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        int v = it.nextInt();
        assertEquals(v, again.nextInt());
        seen.add(v);
      }
      assertEquals(Set.of(0, 1, 2, 3, 4), seen, "each pass is a permutation");
    }
    assertEquals(-1, s.length());
    DataLoader loader = new DataLoader(data, new InfiniteSampler(data, false, 0), 2, 2, false, false, 0);
    var batches = loader.iterator();
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batches.next().forEach(p -> first.add(p.sampleIdx));
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2), first);
  }
}
