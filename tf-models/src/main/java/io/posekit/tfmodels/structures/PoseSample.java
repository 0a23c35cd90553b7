package io.posekit.tfmodels.structures;

import io.posekit.tfmodels.codecs.EncodedTargets;
import java.util.List;
import io.posekit.annotations.Nullable;

/**
 * The data of one sample on its way through a pipeline: what MMPose keeps in its {@code results}
 * dict, as typed fields named after MMPose's keys ({@code bbox_center} is {@link #bboxCenter}).
 * Instance arrays have the instance first ({@code bbox [N][4]}, {@code keypoints [N][K][2]}); in
 * top-down mode N is 1. Fields a step has not filled yet are null.
 */
public final class PoseSample {
  // identity
  public long id;
  /** Bottom-up samples carry all annotation ids of their image. */
  public @Nullable List<Long> ids;
  public long imgId;
  public int sampleIdx;
  public int categoryId = 1;
  public @Nullable String imgPath;
  public @Nullable String datasetName;

  // image
  public @Nullable ImageArray img;
  /**
   * A JPEG {@code LoadImage} read but left undecoded, so {@code TopdownAffine} decodes only the
   * pixels it needs; {@link #img} is null while this is set. Use {@link #image()} to get pixels.
   */
  public @Nullable EncodedImage encodedImg;
  /** {@code (h, w)} of {@link #img}. */
  public int @Nullable [] imgShape;
  /** {@code (h, w)} of the image as loaded. */
  public int @Nullable [] oriShape;

  // instances
  /** {@code [N][4]}, x1, y1, x2, y2. */
  public double @Nullable [][] bbox;
  public double @Nullable [] bboxScore;
  public double @Nullable [][] bboxCenter;
  /** {@code [N][2]}, box width and height. */
  public double @Nullable [][] bboxScale;
  /** {@code [N]}, degrees. */
  public double @Nullable [] bboxRotation;
  public double @Nullable [][][] keypoints;
  public double @Nullable [][] keypointsVisible;
  public double @Nullable [][][] transformedKeypoints;
  public int numKeypoints;
  public double area;
  /** {@code [N]}, the head box size of data sets that annotate it (MPII), for PCKh. */
  public double @Nullable [] headSize;
  /** {@code [N]}, AFLW's face box size (its NME normaliser), in test mode. */
  public double @Nullable [] boxSize;
  public int iscrowd;
  public @Nullable List<CocoAnnotation> rawAnnInfo;

  // dataset meta copied into every sample, as MMPose's get_data_info does
  public int @Nullable [] flipIndices;
  public @Nullable List<int[]> flipPairs;
  public @Nullable List<Integer> upperBodyIds;
  public @Nullable List<Integer> lowerBodyIds;
  public float @Nullable [] datasetKeypointWeights;
  public @Nullable List<int[]> skeletonLinks;

  // set by transforms
  public boolean flip;
  public @Nullable FlipDirection flipDirection;
  /** {@code (w, h)} of the model input. */
  public int @Nullable [] inputSize;
  public double @Nullable [] inputCenter;
  public double @Nullable [] inputScale;

  /**
   * Set by GenerateTarget: the codec's fields for the (single) instance, MMPose's
   * {@code gt_fields} and {@code gt_instance_labels} ({@code heatmaps}, {@code keypoint_weights}
   * with 0 for keypoints that must not count in the loss, {@code keypoint_x_labels}, ...).
   */
  public @Nullable EncodedTargets targets;

  // set by PackPoseInputs
  public @Nullable ImageArray inputs;
  public @Nullable PoseDataSample dataSample;

  /** {@link #img}, decoding {@link #encodedImg} first if it is still pending; null when there is neither. */
  public @Nullable ImageArray image() {
    if (img == null && encodedImg != null) {
      img = encodedImg.decode();
      encodedImg = null;
    }
    return img;
  }

  /**
   * The value under an MMPose key ({@code 'img_id'}, {@code 'flip_direction'}, ...), as
   * PackPoseInputs' {@code meta_keys} name them; null when unset.
   */
  public @Nullable Object get(String key) {
    return switch (key) {
      case "id" -> ids != null ? ids : id;
      case "img_id" -> imgId;
      case "sample_idx" -> sampleIdx;
      case "category_id" -> categoryId;
      case "img_path" -> imgPath;
      case "dataset_name" -> datasetName;
      case "img_shape" -> imgShape;
      case "ori_shape" -> oriShape;
      case "bbox" -> bbox;
      case "bbox_score" -> bboxScore;
      case "bbox_center" -> bboxCenter;
      case "bbox_scale" -> bboxScale;
      case "bbox_rotation" -> bboxRotation;
      case "keypoints" -> keypoints;
      case "keypoints_visible" -> keypointsVisible;
      case "transformed_keypoints" -> transformedKeypoints;
      case "num_keypoints" -> numKeypoints;
      case "area" -> area;
      case "head_size" -> headSize;
      case "box_size" -> boxSize;
      case "iscrowd" -> iscrowd;
      case "raw_ann_info" -> rawAnnInfo;
      case "flip_indices" -> flipIndices;
      case "flip_pairs" -> flipPairs;
      case "upper_body_ids" -> upperBodyIds;
      case "lower_body_ids" -> lowerBodyIds;
      case "dataset_keypoint_weights" -> datasetKeypointWeights;
      case "skeleton_links" -> skeletonLinks;
      case "flip" -> flip;
      case "flip_direction" -> flipDirection == null ? null : flipDirection.configValue();
      case "input_size" -> inputSize;
      case "input_center" -> inputCenter;
      case "input_scale" -> inputScale;
      // keys MMPose knows but this port does not carry (crowd_index is CrowdPose's)
      case "crowd_index", "segmentation" -> null;
      default -> throw new IllegalArgumentException("unknown sample key '" + key + "'");
    };
  }

  /**
   * A deep copy of every array this class owns, so a pipeline may change a sample in place while
   * the data set keeps its original; images, annotations and meta lists are immutable and shared.
   */
  public PoseSample copy() {
    PoseSample c = new PoseSample();
    c.id = id;
    c.ids = ids;
    c.imgId = imgId;
    c.sampleIdx = sampleIdx;
    c.categoryId = categoryId;
    c.imgPath = imgPath;
    c.datasetName = datasetName;
    c.img = img;
    c.encodedImg = encodedImg;
    c.imgShape = imgShape == null ? null : imgShape.clone();
    c.oriShape = oriShape == null ? null : oriShape.clone();
    c.bbox = deep(bbox);
    c.bboxScore = bboxScore == null ? null : bboxScore.clone();
    c.bboxCenter = deep(bboxCenter);
    c.bboxScale = deep(bboxScale);
    c.bboxRotation = bboxRotation == null ? null : bboxRotation.clone();
    c.keypoints = deep(keypoints);
    c.keypointsVisible = deep(keypointsVisible);
    c.transformedKeypoints = deep(transformedKeypoints);
    c.numKeypoints = numKeypoints;
    c.area = area;
    c.headSize = headSize == null ? null : headSize.clone();
    c.boxSize = boxSize == null ? null : boxSize.clone();
    c.iscrowd = iscrowd;
    c.rawAnnInfo = rawAnnInfo;
    c.flipIndices = flipIndices == null ? null : flipIndices.clone();
    c.flipPairs = flipPairs;
    c.upperBodyIds = upperBodyIds;
    c.lowerBodyIds = lowerBodyIds;
    c.datasetKeypointWeights = datasetKeypointWeights == null ? null : datasetKeypointWeights.clone();
    c.skeletonLinks = skeletonLinks;
    c.flip = flip;
    c.flipDirection = flipDirection;
    c.inputSize = inputSize == null ? null : inputSize.clone();
    c.inputCenter = inputCenter == null ? null : inputCenter.clone();
    c.inputScale = inputScale == null ? null : inputScale.clone();
    c.targets = targets;
    c.inputs = inputs;
    c.dataSample = dataSample;
    return c;
  }

  private static double[][] deep(double[][] a) {
    if (a == null) {
      return null;
    }
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  private static double[][][] deep(double[][][] a) {
    if (a == null) {
      return null;
    }
    double[][][] out = new double[a.length][][];
    for (int i = 0; i < a.length; i++) {
      out[i] = deep(a[i]);
    }
    return out;
  }
}
