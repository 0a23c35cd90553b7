package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.engine.schedulers.CosineAnnealingLRConfig;
import io.posekit.runtime.engine.schedulers.LinearLRConfig;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import io.posekit.spi.BuildContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RTMPose's optimizer recipe as its configs write it, against MMEngine run on the same module and
 * schedule ({@code make_rtmpose_recipe.py}): AdamW with {@code paramwise_cfg(norm_decay_mult=0,
 * bias_decay_mult=0, bypass_duplicate=True)}, and LinearLR warm-up + CosineAnnealingLR with
 * {@code convert_to_iter_based}.
 */
class RtmposeRecipeTest {
  static JsonNode fixture() throws IOException {
    try (InputStream in = RtmposeRecipeTest.class.getResourceAsStream("rtmpose_recipe.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The PyTorch module type of each parameter of the fixture's module. */
  static String moduleType(String name) {
    return switch (name.substring(0, name.contains(".") ? name.indexOf('.') : name.length())) {
      case "conv" -> "Conv2d";
      case "bn" -> "BatchNorm2d";
      case "ln" -> "LayerNorm";
      case "gn" -> "GroupNorm";
      case "scale_norm" -> "ScaleNorm";
      case "fc" -> "Linear";
      default -> "RTMCCBlock";
    };
  }

  @Test
  void paramwiseDecayEqualsMmengines() throws IOException {
    JsonNode f = fixture();
    List<Parameter> params = new ArrayList<>();
    for (JsonNode g : f.get("groups")) {
      int[] shape = new ObjectMapper().convertValue(g.get("shape"), int[].class);
      int size = 1;
      for (int d : shape) {
        size *= d;
      }
      String name = g.get("name").asText();
      params.add(new Parameter(name, shape, new float[size], Parameter.isNormModule(moduleType(name)), false));
    }
    params.add(params.get(params.size() - 1)); // fc.bias reached twice, as through a shared module
    ParamwiseCfg rtmpose = new ParamwiseCfg(null, 0.0, 0.0, null, null, Map.of(), true);
    ParamGroups groups = new DefaultOptimWrapperConstructor(rtmpose).paramGroups(params, f.get("base_lr").asDouble(), 0.05);
    assertEquals(f.get("groups").size(), groups.groups().size(), "bypass_duplicate leaves the second fc.bias out");
    for (int i = 0; i < groups.groups().size(); i++) {
      JsonNode expected = f.get("groups").get(i);
      ParamGroup g = groups.groups().get(i);
      String name = g.params().get(0).name();
      assertEquals(expected.get("name").asText(), name);
      assertEquals(expected.get("weight_decay").asDouble(), g.options().getOrDefault("weight_decay", 0.05), 1e-15, name);
      assertEquals(expected.get("lr").asDouble(), g.options().getOrDefault("lr", f.get("base_lr").asDouble()), 1e-15, name);
    }
  }

  @Test
  void warmupThenConvertedCosineEqualsMmengines() throws IOException {
    JsonNode f = fixture();
    double baseLr = f.get("base_lr").asDouble();
    int maxEpochs = f.get("max_epochs").asInt(), epochLength = f.get("epoch_length").asInt();
    AdamW optimizer = new AdamW(ParamGroups.single(List.of(Parameter.of("w", new int[] {1}, new float[] {0f}))),
        baseLr, new double[] {0.9, 0.999}, 1e-8, 0.05, false);
    BuildContext ctx = BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", epochLength));
    List<ParamScheduler> schedulers = List.of(
        LinearLRConfig.fromMap(dict("start_factor", 1.0e-5, "by_epoch", false, "begin", 0, "end", 20)).build(ctx),
        CosineAnnealingLRConfig.fromMap(dict("eta_min", baseLr * 0.05, "begin", maxEpochs / 2, "end", maxEpochs,
            "T_max", maxEpochs / 2, "by_epoch", true, "convert_to_iter_based", true)).build(ctx));
    JsonNode lrs = f.get("lrs");
    for (int epoch = 0, it = 0; epoch < maxEpochs; epoch++) {
      for (int i = 0; i < epochLength; i++, it++) {
        double expected = lrs.get(it).asDouble();
        assertEquals(expected, optimizer.paramGroups().get(0).get("lr"), Math.abs(expected) * 1e-12, "iteration " + it);
        schedulers.stream().filter(s -> !s.byEpoch()).forEach(ParamScheduler::step);
      }
      schedulers.stream().filter(ParamScheduler::byEpoch).forEach(ParamScheduler::step);
    }
  }

  static Map<String, Object> dict(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }
}
