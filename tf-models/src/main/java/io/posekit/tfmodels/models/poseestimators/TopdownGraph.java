package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.nn.Adam;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One {@link TopdownPoseEstimator} as a TensorFlow graph and session: a training step (loss,
 * gradients by {@code Graph.addGradients}, Adam, BN running-stat updates) and a prediction path
 * (eval-mode BN, flip test as MMPose's {@code flip_heatmaps}, codec decoding).
 */
public final class TopdownGraph implements AutoCloseable {
  private final TopdownPoseEstimator model;
  private final Graph graph;
  private final Session session;
  private final ParameterStore store;
  private final Shape inputShape;
  private final Shape heatmapShape;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TFloat32> targets;
  private final Placeholder<TFloat32> weights;
  private final Operand<TFloat32> loss;
  private final List<Op> trainTargets = new ArrayList<>();
  private final Adam adam;
  private final Operand<TFloat32> predicted;

  TopdownGraph(TopdownPoseEstimator model, int batchSize, int height, int width, int[] flipIndices, long seed) {
    this.model = model;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      this.store = new ParameterStore(seed);
      this.inputShape = Shape.of(batchSize, height, width, 3);
      this.images = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));

      GraphContext train = GraphContext.root(tf, store, true);
      Operand<TFloat32> trainHeatmaps = model.heatmaps(train, model.preprocess(train, images));
      this.heatmapShape = trainHeatmaps.shape();
      int k = (int) heatmapShape.size(3);
      this.targets = tf.placeholder(TFloat32.class, Placeholder.shape(heatmapShape));
      this.weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batchSize, k)));
      this.loss = model.head().loss().compute(tf, trainHeatmaps, targets, weights);
      List<Op> bnUpdates = List.copyOf(store.updateOps());

      List<Parameter> trainable = store.trainable();
      var gradients = tf.gradients(loss, trainable.stream().map(Parameter::variable).toList());
      // every update waits for all gradients, so no ApplyAdam overwrites a weight backprop still reads
      List<Operand<TFloat32>> grads = new ArrayList<>();
      List<Op> gradOps = new ArrayList<>();
      for (int i = 0; i < trainable.size(); i++) {
        var g = tf.identity(gradients.<TFloat32>dy(i));
        grads.add(g);
        gradOps.add(g);
      }
      this.adam = new Adam(tf.withControlDependencies(gradOps), store, trainable, grads, 0.9, 0.999, 1e-8);
      trainTargets.addAll(adam.updates());
      trainTargets.addAll(bnUpdates);

      GraphContext eval = GraphContext.root(tf, store, false);
      Operand<TFloat32> inputs = model.preprocess(eval, images);
      Operand<TFloat32> heatmaps = model.heatmaps(eval, inputs);
      TestCfg cfg = model.testCfg();
      if (cfg.flipTest()) {
        if (flipIndices == null || flipIndices.length != k) {
          throw new IllegalArgumentException("flip test needs " + k + " flip indices");
        }
        Operand<TFloat32> flipped = model.heatmaps(eval, tf.reverse(inputs, tf.constant(new int[] {2})));
        heatmaps = tf.math.mul(tf.math.add(heatmaps, flipBack(tf, flipped, flipIndices, cfg.shiftHeatmap())), tf.constant(0.5f));
      }
      this.predicted = heatmaps;
      this.session = new Session(graph);
      session.initialize();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
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

  /** Runs one training step on a batch; returns the loss before the update. */
  public float trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights, double learningRate) {
    List<AutoCloseable> feeds = new ArrayList<>();
    try (var x = tensor(inputShape, batchImages);
        var t = tensor(heatmapShape, targetHeatmaps);
        var w = tensor(Shape.of(heatmapShape.size(0), heatmapShape.size(3)), keypointWeights)) {
      var runner = session.runner().feed(images, x).feed(targets, t).feed(weights, w).fetch(loss);
      trainTargets.forEach(runner::addTarget);
      adam.feed(runner, learningRate, feeds);
      try (var result = runner.run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    } finally {
      for (AutoCloseable c : feeds) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("could not release a tensor", e);
        }
      }
    }
  }

  /** Predicted (flip-averaged when flip test is on) heatmaps, NHWC, row-major. */
  public float[] predictHeatmaps(float[] batchImages) {
    try (var x = tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[(int) out.size()];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /** Keypoints in model-input pixels and scores per image, decoded by the head's decoder. */
  public List<DecodedKeypoints> predict(float[] batchImages) {
    KeypointCodec codec = model.head().decoder()
        .orElseThrow(() -> new IllegalStateException("the head has no decoder to turn heatmaps into keypoints"));
    float[] nhwc = predictHeatmaps(batchImages);
    List<DecodedKeypoints> out = new ArrayList<>();
    for (int b = 0; b < heatmapShape.size(0); b++) {
      out.add(codec.decode(toChw(nhwc, b)));
    }
    return out;
  }

  /** One sample of NHWC heatmaps as a codec's (K, H, W) stack. */
  public Heatmaps toChw(float[] nhwc, int sample) {
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

  private static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values));
  }

  public Shape heatmapShape() {
    return heatmapShape;
  }

  public ParameterStore parameters() {
    return store;
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
