package io.posekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamesAndSuggestionsTest {

  @ParameterizedTest
  @CsvSource({
    "useTargetWeight, use_target_weight",
    "bgrToRgb, bgr_to_rgb",
    "inChannels, in_channels",
    "layer1Stride, layer1_stride",
    "numHTTPRetries, num_http_retries",
    "sigma, sigma",
    "outIndices, out_indices",
  })
  void snakeCase(String java, String key) {
    assertEquals(key, Names.snakeCase(java));
  }

  @Test
  void suggestsTheClosestKey() {
    List<String> keys = List.of("use_target_weight", "skip_empty_channel", "loss_weight");
    assertEquals("did you mean 'use_target_weight'?", Suggestions.didYouMean("use_target_weigth", keys));
    assertEquals("did you mean 'loss_weight'?", Suggestions.didYouMean("loss_wieght", keys));
    assertNull(Suggestions.didYouMean("completely_different", keys));
  }

  @Test
  void ordersByDistanceAndCountsSwapsAsOneEdit() {
    assertEquals(1, Suggestions.distance("ab", "ba"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(
        List.of("HRNet", "HRNetV2"), Suggestions.closest("HRnet", List.of("ResNet", "HRNetV2", "HRNet"), 2));
  }
}
