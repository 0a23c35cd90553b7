package io.posekit.runtime.engine.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.HookList;
import io.posekit.runtime.engine.Priority;
import io.posekit.spi.BuildContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookOrderTest {
  @Test
  void priorityOrderIsStableAndOverridable() {
    HookList list = new HookList();
    Hook checkpoint = CheckpointHookConfig.builder().interval(1).build().build(BuildContext.empty());
    Hook logger = LoggerHookConfig.builder().build().build(BuildContext.empty());
    Hook scheduler = new ParamSchedulerHook();
    Hook timer = new IterTimerHook();
    Hook sampler = new DistSamplerSeedHook();
    Hook runtime = new RuntimeInfoHook();
    Hook ema = EMAHookConfig.builder().emaType("ExpMomentumEMA").build().build(BuildContext.empty());
    Hook custom = new Hook() {};
    list.register(checkpoint, null);
    list.register(logger, null);
    list.register(scheduler, null);
    list.register(timer, null);
    list.register(sampler, null);
    list.register(runtime, null);
    list.register(ema, 49); // MMPose's custom_hooks: dict(type='EMAHook', priority=49)
    list.register(custom, "normal");
    assertEquals(List.of(runtime, ema, timer, sampler, custom, logger, scheduler, checkpoint), list.hooks());
    assertEquals(49, list.priorityOf(ema));
    assertEquals(Priority.VERY_LOW.value(), list.priorityOf(checkpoint));
  }

  @Test
  void badPrioritiesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> Priority.of("SOMETIMES"));
    assertThrows(IllegalArgumentException.class, () -> Priority.of(101));
    assertEquals(30, Priority.of("HIGH"));
  }

  @Test
  void checkpointRuleInferenceAsMMEngine() {
    assertEquals("greater", CheckpointHook.inferRule("accuracy/top1"));
    assertEquals("greater", CheckpointHook.inferRule("coco/AR@10"));
    assertEquals("less", CheckpointHook.inferRule("val_loss"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointHook.inferRule("coco/AP"));
    assertEquals(true, e.getMessage().contains("coco/AP"));
  }
}
