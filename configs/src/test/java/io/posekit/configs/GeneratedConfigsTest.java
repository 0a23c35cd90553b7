package io.posekit.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each class the plugin generated builds what loading its config file gives (typed, defaults filled in). */
class GeneratedConfigsTest {
  @ParameterizedTest
  @CsvSource({
      "_base_/default_runtime.py, io.posekit.configs._base_.DefaultRuntime",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmRes18TinyDemo_128x96",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res50_8xb64-210e_coco-256x192.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmRes50_8xb64_210eCoco_256x192",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res101_8xb64-210e_coco-256x192.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmRes101_8xb64_210eCoco_256x192",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res152_8xb32-210e_coco-256x192.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmRes152_8xb32_210eCoco_256x192",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w32_8xb64-210e_coco-256x192.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmHrnetW32_8xb64_210eCoco_256x192",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w48_8xb32-210e_coco-256x192.py, io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmHrnetW48_8xb32_210eCoco_256x192"})
  void generatedClassEqualsTheLoadedConfig(String config, String className) throws Exception {
    Method method = Class.forName(className).getMethod("config");
    Object generated = PlainTrees.plain((Map<?, ?>) method.invoke(null));
    assertEquals(PlainTrees.canonical(PlainTrees.loadedTyped(config)), PlainTrees.canonical(generated), config);
  }
}
