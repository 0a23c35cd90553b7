package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.models.heads.Head;
import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import java.util.ArrayList;
import java.util.Arrays;
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
 * MMPose's flip test when {@code test_cfg} asks for it (the head maps the flipped pass back, each
 * output is averaged with the plain pass's), and the codec's decoding of the head's outputs.
 */
final class TopdownPredictor {
  private final TopdownPoseEstimator model;
  private final Placeholder<TFloat32> images;
  private final Shape inputShape;
  /** The (flip-averaged) outputs in graph layout. */
  private final List<Operand<TFloat32>> predicted;
  /** The same in the layout the codec decodes. */
  private final List<Operand<TFloat32>> forCodec;

  TopdownPredictor(Ops tf, TopdownPoseEstimator model, ParameterStore store, Placeholder<TFloat32> images, Shape inputShape,
      int[] flipIndices, Precision precision) {
    this.model = model;
    this.images = images;
    this.inputShape = inputShape;
    GraphContext eval = GraphContext.root(tf, store, false, precision);
    Operand<TFloat32> inputs = model.preprocess(eval, images);
    TestCfg cfg = model.testCfg();
    Head head = model.head();
    List<Operand<TFloat32>> outputs = head.predictOutputs(tf, model.forward(eval, inputs));
    if (cfg.flipTest()) {
      List<Operand<TFloat32>> flipped = head.flipBack(tf,
          head.predictOutputs(tf, model.forward(eval, tf.reverse(inputs, tf.constant(new int[] {2})))), flipIndices, cfg);
      List<Operand<TFloat32>> averaged = new ArrayList<>();
      for (int i = 0; i < outputs.size(); i++) {
        averaged.add(tf.math.mul(tf.math.add(outputs.get(i), flipped.get(i)), tf.constant(0.5f)));
      }
      outputs = averaged;
    }
    this.predicted = List.copyOf(outputs);
    this.forCodec = List.copyOf(head.toCodecLayout(tf, outputs));
  }

  /** The shape of the first output (a heatmap head's [B, H, W, K]). */
  Shape heatmapShape() {
    return predicted.get(0).shape();
  }

  List<Shape> outputShapes() {
    return predicted.stream().map(Operand::shape).toList();
  }

  /** See {@link TopdownGraph#predictHeatmaps}. */
  float[] predictHeatmaps(Session session, float[] batchImages) {
    try (var x = TopdownTrainStep.tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted.get(0)).run()) {
      return floats((TFloat32) result.get(0));
    }
  }

  private static float[] floats(TFloat32 out) {
    float[] values = new float[(int) out.size()];
    out.asRawTensor().data().asFloats().read(values);
    return values;
  }

  /** See {@link TopdownGraph#predictionRunMetadata}. */
  RunMetadata predictionRunMetadata(Session session, float[] batchImages) {
    try (var x = TopdownTrainStep.tensor(inputShape, batchImages)) {
      Session.Runner runner = session.runner().feed(images, x);
      predicted.forEach(runner::fetch);
      try (var result = runner.setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build()).runAndFetchMetadata()) {
        return result.getMetadata().orElseThrow();
      }
    }
  }

  /** See {@link TopdownGraph#predictOutputs}. */
  List<List<NdFloats>> predictOutputs(Session session, float[] batchImages) {
    int batch = (int) inputShape.size(0);
    List<List<NdFloats>> perSample = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      perSample.add(new ArrayList<>());
    }
    try (var x = TopdownTrainStep.tensor(inputShape, batchImages)) {
      Session.Runner runner = session.runner().feed(images, x);
      forCodec.forEach(runner::fetch);
      try (var result = runner.run()) {
        for (int i = 0; i < forCodec.size(); i++) {
          float[] all = floats((TFloat32) result.get(i));
          long[] dims = forCodec.get(i).shape().asArray();
          long[] sampleShape = Arrays.copyOfRange(dims, 1, dims.length);
          int n = all.length / batch;
          for (int b = 0; b < batch; b++) {
            perSample.get(b).add(new NdFloats(sampleShape, Arrays.copyOfRange(all, b * n, (b + 1) * n)));
          }
        }
      }
    }
    return perSample.stream().map(List::copyOf).toList();
  }

  /** See {@link TopdownGraph#predict}. */
  List<DecodedKeypoints> predict(Session session, float[] batchImages) {
    KeypointCodec codec = model.head().decoder()
        .orElseThrow(() -> new IllegalStateException("the head has no decoder to turn its outputs into keypoints"));
    List<DecodedKeypoints> out = new ArrayList<>();
    for (List<NdFloats> sample : predictOutputs(session, batchImages)) {
      out.add(codec.decode(sample));
    }
    return out;
  }

  /** See {@link TopdownGraph#toChw}. */
  Heatmaps toChw(float[] nhwc, int sample) {
    Shape heatmapShape = heatmapShape();
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
