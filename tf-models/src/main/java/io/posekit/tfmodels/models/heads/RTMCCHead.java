package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.layers.RTMCCBlock;
import io.posekit.tfmodels.models.layers.ScaleNorm;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Linear;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RTMPose's head (MMPose's {@code RTMCCHead}): on the last feature map, a convolution to one map per
 * keypoint ({@code final_layer}, kernel {@code final_layer_kernel_size}), each map flattened to a
 * token, ScaleNorm and a linear layer to {@code hidden_dims} ({@code mlp}), the gated attention
 * unit over the keypoint tokens ({@code gau}), and two linear classifiers over the SimCC bins
 * ({@code cls_x}: {@code input_w * split_ratio}, {@code cls_y}: {@code input_h * split_ratio}).
 * Outputs {@code [B, K, Wx]} and {@code [B, K, Wy]}; the loss takes both with the codec's
 * {@code keypoint_x_labels}, {@code keypoint_y_labels} and weights; the flip test is
 * {@code flip_vectors}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class RTMCCHead implements Head {
  private final int outChannels;
  private final int[] inFeaturemapSize;
  private final Conv2d finalLayer;
  private final ScaleNorm mlpNorm;
  private final Linear mlpLinear;
  private final RTMCCBlock gau;
  private final Linear clsX;
  private final Linear clsY;
  private final Loss loss;
  private final Optional<KeypointCodec> decoder;
  private final List<InitCfg> initCfg;

  public RTMCCHead(
      int inChannels,
      int outChannels,
      int[] inputSize,
      int[] inFeaturemapSize,
      @Param(defaultValue = "2.0") double simccSplitRatio,
      @Param(defaultValue = "1") int finalLayerKernelSize,
      @Param(defaultValue = "dict(hidden_dims=256, s=128, expansion_factor=2, dropout_rate=0., drop_path=0., act_fn='ReLU',"
          + " use_rel_bias=False, pos_enc=False)") GauCfg gauCfg,
      @Param(defaultValue = "dict(type='KLDiscretLoss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    if (inputSize.length != 2 || inFeaturemapSize.length != 2) {
      throw new IllegalArgumentException("RTMCCHead: input_size and in_featuremap_size are (w, h) pairs");
    }
    this.outChannels = outChannels;
    this.inFeaturemapSize = inFeaturemapSize.clone();
    // MMPose's default_init_cfg when init_cfg is None
    this.initCfg = InitCfg.parse(initCfg != null ? initCfg : List.of(
        Map.of("type", "Normal", "layer", List.of("Conv2d"), "std", 0.001),
        Map.of("type", "Constant", "layer", "BatchNorm2d", "val", 1),
        Map.of("type", "Normal", "layer", List.of("Linear"), "std", 0.01, "bias", 0)), "RTMCCHead.init_cfg");
    int flatten = inFeaturemapSize[0] * inFeaturemapSize[1];
    Initializer small = Initializer.normal(0.001);
    Initializer linear = Initializer.normal(0.01);
    this.finalLayer = new Conv2d(inChannels, outChannels, finalLayerKernelSize, 1, finalLayerKernelSize / 2, 1, true, small,
        Initializer.constant(0f));
    this.mlpNorm = new ScaleNorm(flatten, 1e-5);
    this.mlpLinear = new Linear(flatten, gauCfg.hiddenDims(), false, linear, Initializer.constant(0f));
    this.gau = new RTMCCBlock(outChannels, gauCfg.hiddenDims(), gauCfg.hiddenDims(), gauCfg.expansionFactor(), gauCfg.s(), 1e-5,
        gauCfg.dropoutRate(), gauCfg.dropPath(), gauCfg.actFn(), false, gauCfg.useRelBias(), gauCfg.posEnc());
    int w = (int) (inputSize[0] * simccSplitRatio);
    int h = (int) (inputSize[1] * simccSplitRatio);
    this.clsX = new Linear(gauCfg.hiddenDims(), w, false, linear, Initializer.constant(0f));
    this.clsY = new Linear(gauCfg.hiddenDims(), h, false, linear, Initializer.constant(0f));
    this.loss = loss;
    this.decoder = decoder;
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    var tf = ctx.tf();
    Operand<TFloat32> x = finalLayer.apply(ctx.child("final_layer"), feats.get(feats.size() - 1)); // [B, H, W, K]
    Shape s = x.shape();
    if (s.size(1) * s.size(2) != (long) inFeaturemapSize[0] * inFeaturemapSize[1]) {
      throw new IllegalArgumentException("RTMCCHead: the feature map is " + s.size(2) + "x" + s.size(1)
          + ", in_featuremap_size says " + inFeaturemapSize[0] + "x" + inFeaturemapSize[1]);
    }
    Operand<TFloat32> tokens = flattenMaps(tf, x);
    GraphContext mlp = ctx.child("mlp");
    tokens = mlpLinear.apply(mlp.child(1), mlpNorm.apply(mlp.child(0), tokens));
    tokens = gau.apply(ctx.child("gau"), tokens);
    return List.of(clsX.apply(ctx.child("cls_x"), tokens), clsY.apply(ctx.child("cls_y"), tokens));
  }

  /** {@code torch.flatten(feats, 2)} of the NCHW maps, from NHWC: {@code [B, K, H * W]}, each map row-major. */
  static Operand<TFloat32> flattenMaps(Ops tf, Operand<TFloat32> nhwc) {
    Shape s = nhwc.shape();
    return tf.reshape(tf.linalg.transpose(nhwc, tf.constant(new int[] {0, 3, 1, 2})),
        tf.constant(new long[] {s.size(0), s.size(3), s.size(1) * s.size(2)}));
  }

  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    return simccLoss(ctx.tf(), loss, outputs, targets);
  }

  /** A SimCC head's {@code loss_module((pred_x, pred_y), (gt_x, gt_y), keypoint_weights)}. */
  static Operand<TFloat32> simccLoss(Ops tf, Loss loss, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    Shape x = outputs.get(0).shape();
    Shape y = outputs.get(1).shape();
    Operand<TFloat32> gx = targets.get(EncodedTargets.KEYPOINT_X_LABELS, x);
    Operand<TFloat32> gy = targets.get(EncodedTargets.KEYPOINT_Y_LABELS, y);
    Operand<TFloat32> w = targets.get(EncodedTargets.KEYPOINT_WEIGHTS, Shape.of(x.size(0), x.size(1)));
    return loss.compute(tf, outputs, List.of(gx, gy), w);
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return Flip.vectors(tf, flipped.get(0), flipped.get(1), flipIndices);
  }

  @Override
  public Loss loss() {
    return loss;
  }

  @Override
  public Optional<KeypointCodec> decoder() {
    return decoder;
  }

  @Override
  public long parameterCount() {
    return finalLayer.parameterCount() + mlpNorm.parameterCount() + mlpLinear.parameterCount() + gau.parameterCount()
        + clsX.parameterCount() + clsY.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }
}
