package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * MMPose's {@code GenerateTarget} for top-down samples: encodes the transformed keypoints of the
 * (single) instance with {@code encoder} into the codec's fields (heatmaps or SimCC labels, and
 * keypoint weights); with
 * {@code use_dataset_keypoint_weights} the weights are multiplied by the data set's joint weights.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class GenerateTarget implements Transform {
  private final KeypointCodec encoder;
  private final boolean useDatasetKeypointWeights;

  public GenerateTarget(KeypointCodec encoder, @Param(defaultValue = "False") boolean useDatasetKeypointWeights) {
    this.encoder = encoder;
    this.useDatasetKeypointWeights = useDatasetKeypointWeights;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    double[][][] keypoints = results.transformedKeypoints != null ? results.transformedKeypoints : results.keypoints;
    if (keypoints == null || results.keypointsVisible == null) {
      throw new IllegalArgumentException("GenerateTarget: sample img_id=" + results.imgId + " has no keypoints");
    }
    if (keypoints.length != 1) {
      // the heatmap codecs encode one instance; several are a bottom-up sample
      throw new IllegalArgumentException("GenerateTarget: expected one instance per top-down sample, got "
          + keypoints.length + " (img_id=" + results.imgId + ")");
    }
    int k = keypoints[0].length;
    float[][] points = new float[k][2];
    float[] visible = new float[k];
    for (int i = 0; i < k; i++) {
      points[i][0] = (float) keypoints[0][i][0];
      points[i][1] = (float) keypoints[0][i][1];
      visible[i] = (float) results.keypointsVisible[0][i];
    }
    EncodedTargets encoded = encoder.encode(points, visible);
    if (useDatasetKeypointWeights) {
      float[] weights = encoded.keypointWeights().clone();
      float[] joint = results.datasetKeypointWeights;
      if (joint == null || joint.length != k) {
        throw new IllegalArgumentException("GenerateTarget: use_dataset_keypoint_weights needs " + k
            + " dataset_keypoint_weights in the sample (img_id=" + results.imgId + ")");
      }
      for (int i = 0; i < k; i++) {
        weights[i] *= joint[i];
      }
      encoded = encoded.with(EncodedTargets.KEYPOINT_WEIGHTS, NdFloats.of(weights, k));
    }
    results.targets = encoded;
    return results;
  }
}
