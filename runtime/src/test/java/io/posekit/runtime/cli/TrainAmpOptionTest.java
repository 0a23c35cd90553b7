package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import org.junit.jupiter.api.Test;

/** {@code train --amp} edits optim_wrapper as MMPose's tools/train.py does. */
class TrainAmpOptionTest {
  @Test
  void switchesToAmpOptimWrapperWithDynamicLossScaleUnlessSet() {
    Config plain = Config.fromString("optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3))", "py");
    TrainCommand.enableAmp(plain);
    assertEquals("AmpOptimWrapper", plain.get("optim_wrapper.type"));
    assertEquals("dynamic", plain.get("optim_wrapper.loss_scale"));
    assertEquals(1e-3, plain.get("optim_wrapper.optimizer.lr"));

    Config fixed = Config.fromString(
        "optim_wrapper = dict(type='AmpOptimWrapper', loss_scale=512.0, dtype='float16', optimizer=dict(type='Adam', lr=1e-3))", "py");
    TrainCommand.enableAmp(fixed);
    assertEquals(512.0, fixed.get("optim_wrapper.loss_scale"));
    assertEquals("float16", fixed.get("optim_wrapper.dtype"));

    Config other = Config.fromString("optim_wrapper = dict(type='ApexOptimWrapper', optimizer=dict(type='Adam', lr=1e-3))", "py");
    var e = assertThrows(IllegalArgumentException.class, () -> TrainCommand.enableAmp(other));
    assertTrue(e.getMessage().contains("optim_wrapper.type=ApexOptimWrapper"), e.getMessage());
  }
}
