package io.posekit.runtime.engine.hooks;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.spi.BuildContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The averaging of MMEngine's ExpMomentumEMA / ExponentialMovingAverage, worked by hand. */
class EMAHookTest {
  static EMAHook rtmposeEma() {
    // custom_hooks: dict(type='EMAHook', ema_type='ExpMomentumEMA', momentum=0.0002, update_buffers=True, priority=49)
    return EMAHookConfig.builder().emaType("ExpMomentumEMA").momentum(0.0002).updateBuffers(true).build().build(BuildContext.empty());
  }

  @Test
  void expMomentumStartsNearOneAndDecaysToMomentum() {
    EMAHook ema = rtmposeEma();
    ema.average().put("w", new float[] {0f});
    ema.updateParameters(Map.of("w", new float[] {10f}), Map.of()); // steps 0: copy
    assertEquals(10f, ema.average().get("w")[0]);
    ema.updateParameters(Map.of("w", new float[] {20f}), Map.of()); // steps 1
    double m1 = (1 - 0.0002) * Math.exp(-2 / 2000.0) + 0.0002; // 0.99900...: weight >= 0.5, lerp from the far end
    float w1 = (float) m1;
    assertEquals(20f - 10f * (1 - w1), ema.average().get("w")[0]);
    assertEquals(2, ema.steps());
  }

  @Test
  void plainEmaAveragesEveryIntervalAndCopiesBuffersUnlessAveraged() {
    EMAHook ema = EMAHookConfig.builder().momentum(0.25).interval(2).build().build(BuildContext.empty());
    ema.average().put("w", new float[] {0f});
    ema.average().put("bn.running_mean", new float[] {0f});
    for (float v : new float[] {4f, 8f, 8f, 16f}) {
      ema.updateParameters(Map.of("w", new float[] {v}), Map.of("bn.running_mean", new float[] {v}));
    }
    // steps 0 copies 4; step 1 skipped (1 % 2); step 2: 4 + 0.25 (8 - 4) = 5; step 3 skipped
    assertEquals(5f, ema.average().get("w")[0]);
    assertEquals(16f, ema.average().get("bn.running_mean")[0], "buffers follow the model when not averaged");
  }

  @Test
  void gammaBelongsToExpMomentumOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EMAHookConfig.builder().gamma(100.0).build().build(BuildContext.empty()));
    assertTrue(e.getMessage().contains("ExpMomentumEMA"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> EMAHookConfig.builder().beginIter(3).beginEpoch(2).build().build(BuildContext.empty()));
  }
}
