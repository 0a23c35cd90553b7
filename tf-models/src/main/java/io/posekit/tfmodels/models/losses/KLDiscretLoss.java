package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code KLDiscretLoss} for SimCC: per keypoint and axis, the mean over the vector of
 * {@code KL(labels || softmax(beta * pred))} (labels optionally {@code softmax(label_beta * labels)}),
 * times the keypoint weight ({@code use_target_weight}) and {@code mask_weight} on the {@code mask}
 * keypoints, summed over batch, keypoints and axes and divided by K (not by the batch size, as
 * MMPose does). Vectors are {@code [B, K, W]}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class KLDiscretLoss implements Loss {
  private final double beta;
  private final boolean labelSoftmax;
  private final double labelBeta;
  private final boolean useTargetWeight;
  private final int @Nullable [] mask;
  private final double maskWeight;

  public KLDiscretLoss(
      @Param(defaultValue = "1.0") double beta,
      @Param(defaultValue = "False") boolean labelSoftmax,
      @Param(defaultValue = "10.0") double labelBeta,
      @Param(defaultValue = "True") boolean useTargetWeight,
      @Param(defaultValue = "None") int @Nullable [] mask,
      @Param(defaultValue = "1.0") double maskWeight) {
    this.beta = beta;
    this.labelSoftmax = labelSoftmax;
    this.labelBeta = labelBeta;
    this.useTargetWeight = useTargetWeight;
    this.mask = mask == null ? null : mask.clone();
    this.maskWeight = maskWeight;
  }

  /** One axis: its share of the loss, {@code sum(weighted per-keypoint KL) / K}. */
  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    int k = (int) output.shape().size(1);
    Operand<TFloat32> logPt = tf.nn.logSoftmax(tf.math.mul(output, tf.constant((float) beta)));
    Operand<TFloat32> labels = labelSoftmax ? tf.nn.softmax(tf.math.mul(target, tf.constant((float) labelBeta))) : target;
    // PyTorch's KLDivLoss(reduction='none'): xlogy(t, t) - t * log_p, 0 where t is 0
    Operand<TFloat32> kl = tf.math.sub(tf.math.xlogy(labels, labels), tf.math.mul(labels, logPt));
    Operand<TFloat32> perKeypoint = tf.math.mean(kl, tf.constant(2)); // [B, K]
    if (useTargetWeight) {
      perKeypoint = tf.math.mul(perKeypoint, targetWeights);
    }
    if (mask != null) {
      float[] m = new float[k];
      Arrays.fill(m, 1f);
      for (int i : mask) {
        m[i] = (float) maskWeight;
      }
      perKeypoint = tf.math.mul(perKeypoint, tf.constant(m));
    }
    return tf.math.div(tf.reduceSum(perKeypoint, tf.constant(new int[] {0, 1})), tf.constant((float) k));
  }

  /** MMPose's forward over both axes: the axes' shares summed. */
  @Override
  public Operand<TFloat32> compute(Ops tf, List<Operand<TFloat32>> outputs, List<Operand<TFloat32>> targets,
      Operand<TFloat32> targetWeights) {
    if (outputs.size() != targets.size() || outputs.isEmpty()) {
      throw new IllegalArgumentException("KLDiscretLoss: " + outputs.size() + " predictions for " + targets.size() + " targets");
    }
    Operand<TFloat32> loss = null;
    for (int i = 0; i < outputs.size(); i++) {
      Operand<TFloat32> axis = compute(tf, outputs.get(i), targets.get(i), targetWeights);
      loss = loss == null ? axis : tf.math.add(loss, axis);
    }
    return loss;
  }

  /** MMPose's KLDiscretLoss has no {@code loss_weight}. */
  @Override
  public double lossWeight() {
    return 1.0;
  }

  public double beta() {
    return beta;
  }

  public boolean labelSoftmax() {
    return labelSoftmax;
  }

  public double labelBeta() {
    return labelBeta;
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  public int @Nullable [] mask() {
    return mask == null ? null : mask.clone();
  }

  public double maskWeight() {
    return maskWeight;
  }
}
