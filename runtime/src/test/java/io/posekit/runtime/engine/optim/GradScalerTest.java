package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.nn.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GradScaler's schedule, worked out by hand from PyTorch's documented defaults, and AmpOptimWrapper's dtype rules. */
class GradScalerTest {
  @Test
  void dynamicScaleHalvesOnOverflowAndDoublesAfterTheGrowthInterval() {
    GradScaler s = GradScaler.fromConfig(Map.of("init_scale", 8.0, "growth_interval", 3));
    assertEquals(8.0, s.scale());
    s.update(true);
    s.update(true);
    assertEquals(8.0, s.scale(), "two finite steps of three");
    s.update(false);
    assertEquals(4.0, s.scale(), "overflow: x0.5, and the count restarts");
    s.update(true);
    s.update(true);
    assertEquals(4.0, s.scale());
    s.update(true);
    assertEquals(8.0, s.scale(), "three finite steps in a row: x2");
    assertEquals(Map.of("scale", 8.0, "_growth_tracker", 0), s.stateDict());
  }

  @Test
  void configFormsAsMmengineWritesThem() {
    assertEquals(65536.0, GradScaler.fromConfig("dynamic").scale());
    assertEquals(65536.0, GradScaler.fromConfig(null).scale());
    GradScaler fixed = GradScaler.fromConfig(512);
    fixed.update(false);
    assertEquals(512.0, fixed.scale(), "a static scale never changes");
    var e = assertThrows(IllegalArgumentException.class, () -> GradScaler.fromConfig(Map.of("init_scal", 2.0)));
    assertTrue(e.getMessage().contains("optim_wrapper.loss_scale.init_scal"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradScaler.fromConfig("static"));
    assertThrows(IllegalArgumentException.class, () -> GradScaler.fromConfig(-1.0));
  }

  @Test
  void dtypeSelectsTheGraphPrecision() {
    assertEquals(Precision.BFLOAT16, AmpOptimWrapper.precisionOfConfig(Map.of("type", "AmpOptimWrapper")));
    assertEquals(Precision.FLOAT16, AmpOptimWrapper.precisionOfConfig(Map.of("type", "AmpOptimWrapper", "dtype", "float16")));
    assertEquals(Precision.FLOAT32, AmpOptimWrapper.precisionOfConfig(Map.of("type", "OptimWrapper")));
    var e = assertThrows(IllegalArgumentException.class,
        () -> AmpOptimWrapper.precisionOfConfig(Map.of("type", "AmpOptimWrapper", "dtype", "float32")));
    assertTrue(e.getMessage().contains("type='OptimWrapper'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AmpOptimWrapper.precisionOfConfig(Map.of("type", "AmpOptimWrapper", "dtype", "half")));
  }
}
