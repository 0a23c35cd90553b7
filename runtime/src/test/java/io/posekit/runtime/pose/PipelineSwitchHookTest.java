package io.posekit.runtime.pose;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.PoseDataset;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PipelineSwitchHookTest {
  /** Records every pipeline it is given. */
  static final class Recording implements PoseDataset {
    final List<List<Transform>> switched = new ArrayList<>();

    @Override
    public int size() {
      return 1;
    }

    @Override
    public PoseSample get(int idx, RandomGenerator rng) {
      return new PoseSample();
    }

    @Override
    public DatasetMeta metainfo() {
      return DatasetMeta.coco();
    }

    @Override
    public void setPipeline(List<Transform> pipeline) {
      switched.add(pipeline);
    }
  }

  static final Transform STAGE2 = (s, rng) -> s;

  @Test
  void switchesOnceAtTheSwitchEpoch() {
    PipelineSwitchHook hook = new PipelineSwitchHook(3, List.of(STAGE2));
    Recording data = new Recording();
    for (int epoch = 0; epoch < 6; epoch++) {
      assertEquals(epoch == 3, hook.switchIfDue(epoch, data), "epoch " + epoch);
    }
    assertEquals(List.of(List.of(STAGE2)), data.switched);
  }

  @Test
  void aRunResumedPastTheSwitchEpochSwitchesAtItsFirstEpoch() {
    // a new hook, as after --resume: the first epoch it sees is already past switch_epoch
    PipelineSwitchHook hook = new PipelineSwitchHook(3, List.of(STAGE2));
    Recording data = new Recording();
    assertTrue(hook.switchIfDue(5, data));
    assertFalse(hook.switchIfDue(6, data));
    assertEquals(1, data.switched.size());
  }

  @Test
  void aDataSetWithoutPipelineIsAClearError() {
    PoseDataset plain = new PoseDataset() {
      @Override
      public int size() {
        return 0;
      }

      @Override
      public PoseSample get(int idx, RandomGenerator rng) {
        return null;
      }

      @Override
      public DatasetMeta metainfo() {
        return DatasetMeta.coco();
      }
    };
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> new PipelineSwitchHook(0, List.of()).switchIfDue(0, plain));
    assertTrue(e.getMessage().contains("no pipeline"), e.getMessage());
  }
}
