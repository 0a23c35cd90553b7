package io.posekit.tfmodels.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ConvModule against MMCV's own ConvModule (conv_modules.pth, made by make_fixtures.py beside it):
 * the same eleven configurations, loaded by MMCV's state-dict keys, give MMCV's eval-mode outputs.
 */
class ConvModuleParityTest {
  private static NormCfg norm(Map<String, Object> cfg) {
    return NormCfg.parse(cfg, "norm_cfg");
  }

  private static ActCfg act(Map<String, Object> cfg) {
    return ActCfg.parse(cfg, "act_cfg");
  }

  /** make_fixtures.py's CONFIGS, in order. */
  static List<ConvModule> modules() {
    return List.of(
        ConvModule.builder(4, 6, 3).padding(1).norm(norm(Map.of("type", "BN"))).build(),
        ConvModule.builder(4, 6, 3).stride(2).padding(1).norm(norm(Map.of("type", "GN", "num_groups", 2)))
            .act(act(Map.of("type", "LeakyReLU", "negative_slope", 0.2))).build(),
        ConvModule.builder(4, 6, 3).padding(2).dilation(2).groups(2)
            .norm(norm(Map.of("type", "IN", "affine", true))).act(ActCfg.of("HSwish")).build(),
        ConvModule.builder(4, 4, 3).padding(1).groups(4)
            .norm(norm(Map.of("type", "BN", "eps", 1e-3, "momentum", 0.03))).act(ActCfg.of("ReLU6")).build(),
        ConvModule.builder(4, 6, 1).act(ActCfg.of("HSigmoid")).build(),
        ConvModule.builder(4, 6, 3).padding(1).norm(norm(Map.of("type", "LN"))).act(ActCfg.of("GELU")).build(),
        ConvModule.builder(4, 6, 3).padding(1).norm(NormCfg.bn()).act(ActCfg.of("SiLU"))
            .order("act", "conv", "norm").build(),
        ConvModule.builder(4, 6, 3).padding(1).norm(NormCfg.bn()).act(ActCfg.of("Swish"))
            .order("norm", "conv", "act").build(),
        ConvModule.builder(4, 6, 3).stride(2).padding(1).bias(true)
            .norm(norm(Map.of("type", "BN", "requires_grad", false))).act(ActCfg.of("Sigmoid")).build(),
        ConvModule.builder(4, 6, 3).stride(2).padding(1).groups(2).norm(NormCfg.bn())
            .act(act(Map.of("type", "ELU", "alpha", 0.5))).build(),
        ConvModule.builder(4, 6, 3).norm(null).act(ActCfg.of("Tanh")).build());
  }

  @Test
  void elevenConfigurationsGiveMmcvOutputs() {
    TorchParity torch = new TorchParity(getClass(), "conv_modules.pth");
    List<ConvModule> modules = modules();
    List<float[]> outs = torch.run("", (ctx, x) -> {
      List<Operand<TFloat32>> ys = new ArrayList<>();
      for (int i = 0; i < modules.size(); i++) {
        ys.add(modules.get(i).apply(ctx.child("m" + i), x));
      }
      return ys;
    });
    for (int i = 0; i < modules.size(); i++) {
      double err = torch.relativeError(outs.get(i), "m" + i);
      assertTrue(err <= 1e-5, "m" + i + ": relative error " + err);
      assertEquals(torch.parameterCount("m" + i + "."), modules.get(i).parameterCount(), "m" + i + " parameters");
    }
  }

  @Test
  void badConfigsNameTheirKeyPath() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> NormCfg.parse(Map.of("type", "GN"), "model.backbone.norm_cfg"));
    assertEquals("model.backbone.norm_cfg: GN needs num_groups", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NormCfg.parse(Map.of("type", "BN", "momentun", 0.1), "model.backbone.norm_cfg"));
    assertTrue(e.getMessage().startsWith("model.backbone.norm_cfg.momentun: unknown key for type 'BN'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ActCfg.parse(Map.of("type", "Mish"), "head.act_cfg"));
    assertTrue(e.getMessage().startsWith("head.act_cfg.type: unknown activation 'Mish'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ActCfg.parse(Map.of("type", "Sigmoid", "inplace", true), "head.act_cfg"));
    assertTrue(e.getMessage().startsWith("head.act_cfg.inplace: unknown key"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConvModule.checkConvCfg(Map.of("type", "DCNv2"), "model.backbone.conv_cfg"));
    assertTrue(e.getMessage().startsWith("model.backbone.conv_cfg.type: unsupported conv layer 'DCNv2'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConvModule.builder(4, 6, 3).order("conv", "act").build());
  }
}
