package io.posekit.runtime.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  /** A checkpoint written before the optimizer had its own state_dict kept Adam's slots among the weights. */
  @Test
  void modelStateDictLeavesOutTheOptimizerSlotsOfOlderCheckpoints() {
    Checkpoint ckpt = new Checkpoint();
    ckpt.arrays().put("state_dict/backbone.conv1.weight", new float[] {1, 2});
    ckpt.arrays().put("state_dict/head.final_layer.bias", new float[] {3});
    ckpt.arrays().put("state_dict/optimizer.backbone.conv1.weight.exp_avg", new float[] {4, 5});
    ckpt.arrays().put("optimizer/state/0/exp_avg", new float[] {6, 7});

    var weights = ckpt.modelStateDict();

    assertEquals(Set.of("backbone.conv1.weight", "head.final_layer.bias"), weights.keySet());
    assertArrayEquals(new float[] {1, 2}, weights.get("backbone.conv1.weight"));
    assertEquals(4, ckpt.arrays().size(), "the checkpoint itself is unchanged");
  }
}
