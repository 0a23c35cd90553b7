package io.posekit.tfmodels.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightsUnitTest {
  @Test
  void torchConvLayoutGoesToHwioAndBack() {
    // PyTorch conv weight [out=2, in=3, kh=1, kw=2], value = 1000*o + 100*i + 10*y + x
    float[] v = new float[12];
    for (int o = 0; o < 2; o++) {
      for (int i = 0; i < 3; i++) {
        for (int x = 0; x < 2; x++) {
          v[(o * 3 + i) * 2 + x] = 1000 * o + 100 * i + x;
        }
      }
    }
    FloatArray torch = new FloatArray(new long[] {2, 3, 1, 2}, v);
    FloatArray tf = TorchLayout.toTensorFlow(torch);
    assertArrayEquals(new long[] {1, 2, 3, 2}, tf.shape());
    // [y=0][x=1][i=2][o=1]
    assertEquals(1000 + 200 + 1, tf.values()[((0 * 2 + 1) * 3 + 2) * 2 + 1]);
    assertEquals(torch, TorchLayout.toTorch(tf));
    assertArrayEquals(new long[] {2, 3, 1, 2}, TorchLayout.torchShape(tf.shape()));
  }

  @Test
  void halfFloatsDecodeExactly() {
    assertEquals(1f, TorchDtype.halfToFloat((short) 0x3c00));
    assertEquals(-2f, TorchDtype.halfToFloat((short) 0xc000));
    assertEquals(65504f, TorchDtype.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, TorchDtype.halfToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, TorchDtype.halfToFloat((short) 0x7c00));
    assertTrue(Float.isNaN(TorchDtype.halfToFloat((short) 0x7e00)));
  }

  @Test
  void prefixSelectionAndModuleStripping() {
    StateDict sd = new StateDict()
        .put("module.backbone.conv1.weight", FloatArray.scalar(1))
        .put("module.head.final_layer.bias", FloatArray.scalar(2));
    StateDict stripped = sd.stripModulePrefix();
    assertEquals(List.of("backbone.conv1.weight", "head.final_layer.bias"), List.copyOf(stripped.keys()));
    assertEquals(List.of("conv1.weight"), List.copyOf(stripped.selectPrefix("backbone", "f.pth").keys()));
    var e = assertThrows(IllegalArgumentException.class, () -> stripped.selectPrefix("neck.", "f.pth"));
    assertTrue(e.getMessage().startsWith("f.pth: no key starts with prefix 'neck.'"), e.getMessage());
  }

  @Test
  void initCfgReadsMmposeStyleValuesAndRejectsUnknownOnes() {
    List<InitCfg> cfgs = InitCfg.parse(List.of(
        Map.of("type", "Normal", "layer", List.of("Conv2d", "ConvTranspose2d"), "std", 0.001),
        Map.of("type", "Constant", "layer", "BatchNorm2d", "val", 1)), "head.init_cfg");
    assertEquals(2, cfgs.size());
    assertTrue(cfgs.get(0).appliesTo("ConvTranspose2d"));
    assertFalse(cfgs.get(0).appliesTo("BatchNorm2d"));
    assertTrue(cfgs.get(1).appliesTo("BatchNorm2d"));
    assertTrue(InitCfg.parse(Tuple.of(Map.of("type", "Kaiming", "layer", "_ConvNd")), "x").get(0).appliesTo("ConvTranspose2d"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> InitCfg.parse(Map.of("type", "TruncNormal", "std", 0.02), "backbone.init_cfg"));
    assertTrue(e.getMessage().startsWith("backbone.init_cfg.type: 'TruncNormal' is not supported"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InitCfg.parse(List.of(Map.of("type", "Normal", "sdt", 0.1)), "head.init_cfg"));
    assertTrue(e.getMessage().startsWith("head.init_cfg.0.sdt: unknown key for init type Normal"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> InitCfg.parse(Map.of("type", "Pretrained"), "init_cfg"));
    assertTrue(e.getMessage().startsWith("init_cfg.checkpoint"), e.getMessage());
  }

  @Test
  void kaimingFanOutNormalHasTorchsStd() {
    InitCfg kaiming = InitCfg.parse(Map.of("type", "Kaiming", "layer", "Conv2d"), "x").get(0);
    long[] shape = {64, 32, 3, 3};
    FloatArray w = kaiming.initialise("weight", shape, shape, new Random(1));
    double sq = 0;
    for (float f : w.values()) {
      sq += f * f;
    }
    double std = Math.sqrt(sq / w.values().length);
    assertEquals(Math.sqrt(2.0 / (64 * 9)), std, 0.02 * Math.sqrt(2.0 / (64 * 9)));
    FloatArray b = kaiming.initialise("bias", new long[] {64}, shape, new Random(1));
    assertEquals(0f, b.values()[5]);
    InitCfg prob = InitCfg.parse(Map.of("type", "Normal", "bias_prob", 0.01), "x").get(0);
    assertEquals(-Math.log(99), prob.initialise("bias", new long[] {1}, shape, new Random(1)).values()[0], 1e-6);
  }
}
