package io.posekit.tfmodels.apis;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.HeatmapCodec;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.WarpAffine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * MMPose's {@code init_model} + {@code inference_topdown} for a top-down heatmap estimator: each
 * box is cropped as the test pipeline does ({@code GetBBoxCenterScale(padding=1.25)},
 * {@code TopdownAffine(input_size)}), run through the eval graph (flip test per the model's
 * {@code test_cfg}), decoded by the head's codec, and mapped back to the original image as
 * {@code TopdownPoseEstimator.add_pred_to_datasample} does:
 * {@code kpt / input_size * input_scale + input_center - input_scale / 2}.
 */
public final class PoseInferencer implements AutoCloseable {
  /** {@code GetBBoxCenterScale}'s default padding, which MMPose's test pipelines use. */
  public static final double BBOX_PADDING = 1.25;

  private final TopdownGraph graph;
  private final KeypointCodec codec;
  private final int inputW;
  private final int inputH;

  private PoseInferencer(TopdownGraph graph, KeypointCodec codec) {
    this.graph = graph;
    this.codec = codec;
    this.inputW = codec.inputSize()[0];
    this.inputH = codec.inputSize()[1];
  }

  /**
   * {@code init_model(config, checkpoint)}: the estimator (built from its config), with the
   * checkpoint (path or cached URL; strict, {@code module.} stripped) when given, else its
   * {@code init_cfg} weights. {@code flipIndices} is the dataset meta's pairing, used by flip test.
   */
  public static PoseInferencer initModel(TopdownPoseEstimator model, String checkpoint, int[] flipIndices) {
    return initModel(model, checkpoint, flipIndices, Precision.FLOAT32);
  }

  /** As {@link #initModel(TopdownPoseEstimator, String, int[])}, computing in {@code precision} (weights stay float32). */
  public static PoseInferencer initModel(TopdownPoseEstimator model, String checkpoint, int[] flipIndices, Precision precision) {
    return initModel(model, checkpoint, flipIndices, precision, Device.AUTO);
  }

  /** As {@link #initModel(TopdownPoseEstimator, String, int[], Precision)} on {@code device} (MMPose's {@code device='cuda:0'}). */
  public static PoseInferencer initModel(TopdownPoseEstimator model, String checkpoint, int[] flipIndices, Precision precision,
      Device device) {
    KeypointCodec codec = model.head().decoder().orElseThrow(() -> new IllegalArgumentException(
        "model.head.decoder: inference needs the head's decoder (codec) to turn its outputs into keypoints"));
    int[] size = codec.inputSize();
    OneDnn.keepTensorFlowDefault(); // one image per call: see OneDnn
    TopdownGraph graph = model.buildInferenceGraph(1, size[1], size[0], flipIndices, 0, precision, device);
    try {
      if (checkpoint != null) {
        graph.loadCheckpoint(checkpoint, true);
      }
      return new PoseInferencer(graph, codec);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** {@code inference_topdown(model, img_path, bboxes)}: boxes (x1, y1, x2, y2); none means the whole image. */
  public List<PoseResult> inferenceTopdown(Path image, List<double[]> bboxes) {
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(image.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(image + ": cannot read the image: " + e.getMessage(), e);
    }
    if (decoded == null) {
      throw new IllegalArgumentException(image + (Files.exists(image) ? ": not an image javax.imageio decodes" : ": no such file"));
    }
    return inferenceTopdown(ImageArray.fromBufferedImage(decoded), bboxes);
  }

  /** As {@link #inferenceTopdown(Path, List)} on a BGR image already in memory. */
  public List<PoseResult> inferenceTopdown(ImageArray image, List<double[]> bboxes) {
    if (image.channels() != 3) {
      throw new IllegalArgumentException("expected a 3-channel BGR image, got " + image.channels() + " channels");
    }
    List<double[]> boxes = bboxes == null || bboxes.isEmpty()
        ? List.of(new double[] {0, 0, image.width(), image.height()})
        : bboxes;
    List<PoseResult> out = new ArrayList<>();
    for (double[] box : boxes) {
      if (box.length != 4 || !(box[2] > box[0]) || !(box[3] > box[1])) {
        throw new IllegalArgumentException("bbox must be (x1, y1, x2, y2) with x2 > x1 and y2 > y1, got "
            + java.util.Arrays.toString(box));
      }
      double[][] cs = BBoxTransforms.bboxXyxy2cs(box, BBOX_PADDING);
      double[] center = cs[0];
      double[] scale = fixAspectRatio(cs[1], (double) inputW / inputH);
      double[][] warp = BBoxTransforms.getWarpMatrix(center, scale, 0, inputW, inputH);
      ImageArray crop = WarpAffine.warp(image, warp, inputW, inputH);
      float[] pixels = new float[crop.data().length];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = crop.data()[i] & 0xff;
      }
      List<NdFloats> outputs = graph.predictOutputs(pixels).get(0);
      DecodedKeypoints d = codec.decode(outputs);
      NdFloats first = outputs.get(0);
      Heatmaps heatmaps = codec instanceof HeatmapCodec
          ? new Heatmaps(first.data(), (int) first.size(0), (int) first.size(1), (int) first.size(2))
          : null;
      out.add(new PoseResult(toImage(d.keypoints(), center, scale, inputW, inputH), toDoubles(d.scores()), box.clone(), heatmaps));
    }
    return out;
  }

  /** TopdownAffine's {@code _fix_aspect_ratio}: the short side grows to the input's aspect ratio. */
  static double[] fixAspectRatio(double[] scale, double aspectRatio) {
    double w = scale[0];
    double h = scale[1];
    return w > h * aspectRatio ? new double[] {w, w / aspectRatio} : new double[] {h * aspectRatio, h};
  }

  /** Input-crop pixels to original-image pixels, MMPose's {@code add_pred_to_datasample}. */
  static double[][] toImage(float[][] keypoints, double[] center, double[] scale, int inputW, int inputH) {
    double[][] out = new double[keypoints.length][2];
    for (int k = 0; k < keypoints.length; k++) {
      out[k][0] = keypoints[k][0] / inputW * scale[0] + center[0] - 0.5 * scale[0];
      out[k][1] = keypoints[k][1] / inputH * scale[1] + center[1] - 0.5 * scale[1];
    }
    return out;
  }

  private static double[] toDoubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** The graph underneath, for heatmaps or the state dict. */
  public TopdownGraph graph() {
    return graph;
  }

  @Override
  public void close() {
    graph.close();
  }
}
