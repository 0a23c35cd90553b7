package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ViTPose's layer-wise decay, against values worked by hand from MMPose's rules. */
class LayerDecayOptimWrapperConstructorTest {
  private static Parameter p(String name, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Parameter.of(name, shape, new float[n]);
  }

  @Test
  void groupsByDepthAndDecayKindWithDecayedLearningRates() {
    var constructor = new LayerDecayOptimWrapperConstructor(new LayerDecayParamwiseCfg(2, 0.5,
        Map.of("bias", Map.of("decay_multi", 0.0))));
    List<Parameter> params = List.of(
        p("backbone.pos_embed", 1, 4, 8),
        p("backbone.patch_embed.projection.weight", 8, 3, 2, 2),
        p("backbone.layers.0.attn.qkv.weight", 24, 8),
        p("backbone.layers.0.attn.qkv.bias", 24),
        p("backbone.layers.1.ln1.weight", 8),
        p("backbone.layers.1.ffn.layers.1.weight", 8, 12),
        p("backbone.ln1.weight", 8),
        p("head.final_layer.weight", 3, 8, 1, 1));
    List<ParamGroup> groups = constructor.paramGroups(params, 1e-3, 0.1).groups();
    // L = 2 + 2 depths: lr = 1e-3 * 0.5 ** (3 - depth); no decay for 1-d, '.bias', 'pos_embed'
    Object[][] expected = {
        {List.of("backbone.pos_embed"), 1.25e-4, 0.0},
        {List.of("backbone.patch_embed.projection.weight"), 1.25e-4, 0.1},
        {List.of("backbone.layers.0.attn.qkv.weight"), 2.5e-4, 0.1},
        {List.of("backbone.layers.0.attn.qkv.bias"), 2.5e-4, 0.0},
        {List.of("backbone.layers.1.ln1.weight"), 5e-4, 0.0},
        {List.of("backbone.layers.1.ffn.layers.1.weight"), 5e-4, 0.1},
        {List.of("backbone.ln1.weight"), 1e-3, 0.0},
        {List.of("head.final_layer.weight"), 1e-3, 0.1}};
    assertEquals(expected.length, groups.size());
    for (int i = 0; i < expected.length; i++) {
      ParamGroup g = groups.get(i);
      assertEquals(expected[i][0], g.params().stream().map(Parameter::name).toList());
      assertEquals((double) expected[i][1], g.get("lr"), 1e-15);
      assertEquals((double) expected[i][2], g.get("weight_decay"), 0.0);
    }
  }

  @Test
  void parametersOfOneDepthAndKindShareAGroupWithoutWeightDecayUnset() {
    var constructor = new LayerDecayOptimWrapperConstructor(new LayerDecayParamwiseCfg(12, 0.75, Map.of()));
    List<ParamGroup> groups = constructor.paramGroups(List.of(
        p("backbone.layers.11.attn.proj.weight", 4, 4),
        p("backbone.layers.11.ffn.layers.0.0.weight", 6, 4),
        p("backbone.cls_token", 1, 1, 4)), 5e-4, null).groups();
    assertEquals(2, groups.size());
    assertEquals(2, groups.get(0).params().size());
    // depth 12 of 14: 0.75 ** 1
    assertEquals(5e-4 * 0.75, groups.get(0).get("lr"), 1e-15);
    assertEquals(false, groups.get(0).has("weight_decay"));
    // cls_token is 3-d, depth 0: decayed (MMPose keys its no-decay rule on ndim 1, '.bias', 'pos_embed')
    assertEquals(5e-4 * Math.pow(0.75, 13), groups.get(1).get("lr"), 1e-15);
  }
}
