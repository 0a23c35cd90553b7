package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * A top-down model's prediction path: the eval-mode forward pass (BN with running statistics),
 * MMPose's flip test ({@code flip_heatmaps}, averaged with the plain pass) when {@code test_cfg}
 * asks for it, and the codec's decoding.
 */
final class TopdownPredictor {
  private final TopdownPoseEstimator model;
  private final Placeholder<TFloat32> images;
  private final Shape inputShape;
  private final Operand<TFloat32> predicted;
  private final Shape heatmapShape;

  TopdownPredictor(Ops tf, TopdownPoseEstimator model, ParameterStore store, Placeholder<TFloat32> images, Shape inputShape,
      int[] flipIndices, Precision precision) {
    this.model = model;
    this.images = images;
    this.inputShape = inputShape;
    GraphContext eval = GraphContext.root(tf, store, false, precision);
    Operand<TFloat32> inputs = model.preprocess(eval, images);
    Operand<TFloat32> heatmaps = model.heatmaps(eval, inputs);
    this.heatmapShape = heatmaps.shape();
    int k = (int) heatmapShape.size(3);
    TestCfg cfg = model.testCfg();
    if (cfg.flipTest()) {
      if (flipIndices == null || flipIndices.length != k) {
        throw new IllegalArgumentException("flip test needs " + k + " flip indices");
      }
      Operand<TFloat32> flipped = model.heatmaps(eval, tf.reverse(inputs, tf.constant(new int[] {2})));
      heatmaps = tf.math.mul(tf.math.add(heatmaps, flipBack(tf, flipped, flipIndices, cfg.shiftHeatmap())), tf.constant(0.5f));
    }
    this.predicted = heatmaps;
  }

  Shape heatmapShape() {
    return heatmapShape;
  }

  /** MMPose's {@code flip_heatmaps(mode='heatmap')}: mirror, swap symmetric keypoints, shift right by one. */
  static Operand<TFloat32> flipBack(Ops tf, Operand<TFloat32> heatmaps, int[] flipIndices, boolean shift) {
    Operand<TFloat32> h = tf.reverse(heatmaps, tf.constant(new int[] {2}));
    h = tf.gather(h, tf.constant(flipIndices), tf.constant(3));
    if (shift) {
      // heatmaps[..., 1:] = heatmaps[..., :-1]: column 0 stays, the rest move one to the right
      Shape s = heatmaps.shape();
      int b = (int) s.size(0);
      int hh = (int) s.size(1);
      int w = (int) s.size(2);
      int c = (int) s.size(3);
      var first = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, 1, c}));
      var rest = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, w - 1, c}));
      h = tf.concat(List.of(first, rest), tf.constant(2));
    }
    return h;
  }

  /** See {@link TopdownGraph#predictHeatmaps}. */
  float[] predictHeatmaps(Session session, float[] batchImages) {
    try (var x = TopdownTrainStep.tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[(int) out.size()];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /** See {@link TopdownGraph#predictionRunMetadata}. */
  RunMetadata predictionRunMetadata(Session session, float[] batchImages) {
    try (var x = TopdownTrainStep.tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted)
            .setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build()).runAndFetchMetadata()) {
      return result.getMetadata().orElseThrow();
    }
  }

  /** See {@link TopdownGraph#predict}. */
  List<DecodedKeypoints> predict(Session session, float[] batchImages) {
    KeypointCodec codec = model.head().decoder()
        .orElseThrow(() -> new IllegalStateException("the head has no decoder to turn heatmaps into keypoints"));
    float[] nhwc = predictHeatmaps(session, batchImages);
    List<DecodedKeypoints> out = new ArrayList<>();
    for (int b = 0; b < heatmapShape.size(0); b++) {
      out.add(codec.decode(toChw(nhwc, b)));
    }
    return out;
  }

  /** See {@link TopdownGraph#toChw}. */
  Heatmaps toChw(float[] nhwc, int sample) {
    int h = (int) heatmapShape.size(1);
    int w = (int) heatmapShape.size(2);
    int k = (int) heatmapShape.size(3);
    Heatmaps hm = Heatmaps.zeros(k, h, w);
    int base = sample * h * w * k;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < k; c++) {
          hm.set(c, y, x, nhwc[base + (y * w + x) * k + c]);
        }
      }
    }
    return hm;
  }
}
