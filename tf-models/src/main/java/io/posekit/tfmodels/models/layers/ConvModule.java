package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code ConvModule}: a convolution ({@code conv}), an optional norm named by its kind
 * ({@code bn}, {@code gn}, {@code ln}, {@code in}) and an optional activation, in {@code order}
 * (default conv, norm, act). {@code bias='auto'} (null here) gives the convolution a bias only
 * without a norm; a norm before the convolution normalises its input channels. The convolution
 * starts from MMCV's {@code kaiming_init} (fan_out, normal; LeakyReLU's slope as {@code a}), the
 * norm from ones and zeros. A BatchNorm right after the convolution goes through {@link ConvBn}.
 */
public final class ConvModule implements Layer {
  private static final Set<String> CONV_TYPES = Set.of("Conv", "Conv2d");

  private final Conv2d conv;
  @Nullable private final Layer norm;
  @Nullable private final NormCfg normCfg;
  @Nullable private final ActCfg act;
  private final List<String> order;

  private ConvModule(Builder b) {
    if (b.order.size() != 3 || !Set.copyOf(b.order).equals(Set.of("conv", "norm", "act"))) {
      throw new IllegalArgumentException("ConvModule order must hold 'conv', 'norm' and 'act' once each, got " + b.order);
    }
    boolean withNorm = b.normCfg != null;
    boolean bias = b.bias == null ? !withNorm : b.bias;
    double a = b.act == null ? 0 : b.act.negativeSlope();
    long fanOut = (long) b.out * b.kernel * b.kernel;
    this.conv = new Conv2d(b.in, b.out, b.kernel, b.stride, b.padding, b.dilation, b.groups, bias,
        Initializer.kaimingNormalFanOut(fanOut, a), Initializer.constant(0f));
    this.order = List.copyOf(b.order);
    this.normCfg = b.normCfg;
    int normChannels = order.indexOf("norm") > order.indexOf("conv") ? b.out : b.in;
    this.norm = withNorm ? b.normCfg.build(normChannels, b.normWeightInit) : null;
    this.act = b.act;
  }

  /** A {@code kernel x kernel} ConvModule from {@code in} to {@code out} channels: stride 1, no padding, BN-free, ReLU. */
  public static Builder builder(int in, int out, int kernel) {
    return new Builder(in, out, kernel);
  }

  /** MMCV's {@code conv_cfg}: None, {@code Conv} or {@code Conv2d} (others are not built here). */
  public static void checkConvCfg(@Nullable Object convCfg, String where) {
    if (convCfg == null) {
      return;
    }
    CfgDict d = CfgDict.of(convCfg, where);
    if (!CONV_TYPES.contains(d.type())) {
      throw new IllegalArgumentException(where + ".type: unsupported conv layer '" + d.type() + "' (supported: Conv, Conv2d)");
    }
    d.accepting(Set.of());
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    return apply(ctx, x, true);
  }

  /** MMCV's {@code forward(x, activate)}: {@code activate} false skips the activation. */
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x, boolean activate) {
    Operand<TFloat32> y = x;
    for (int i = 0; i < order.size(); i++) {
      switch (order.get(i)) {
        case "conv" -> {
          if (i + 1 < order.size() && order.get(i + 1).equals("norm") && norm instanceof BatchNorm2d bn) {
            y = ConvBn.apply(conv, ctx.child("conv"), bn, ctx.child(normCfg.abbr()), y);
            i++;
          } else {
            y = conv.apply(ctx.child("conv"), y);
          }
        }
        case "norm" -> y = norm == null ? y : norm.apply(ctx.child(normCfg.abbr()), y);
        default -> y = act == null || !activate ? y : act.apply(ctx.child("activate"), y);
      }
    }
    return y;
  }

  @Override
  public long parameterCount() {
    return conv.parameterCount() + (norm == null ? 0 : norm.parameterCount());
  }

  public int outChannels() {
    return conv.outChannels();
  }

  /** ConvModule's arguments, MMCV's defaults unless set. */
  public static final class Builder {
    private final int in;
    private final int out;
    private final int kernel;
    private int stride = 1;
    private int padding;
    private int dilation = 1;
    private int groups = 1;
    @Nullable private Boolean bias;
    @Nullable private NormCfg normCfg;
    @Nullable private ActCfg act = ActCfg.of("ReLU");
    private Initializer normWeightInit = Initializer.constant(1f);
    private List<String> order = List.of("conv", "norm", "act");

    private Builder(int in, int out, int kernel) {
      this.in = in;
      this.out = out;
      this.kernel = kernel;
    }

    public Builder stride(int value) {
      this.stride = value;
      return this;
    }

    public Builder padding(int value) {
      this.padding = value;
      return this;
    }

    public Builder dilation(int value) {
      this.dilation = value;
      return this;
    }

    public Builder groups(int value) {
      this.groups = value;
      return this;
    }

    /** True or False; null is MMCV's 'auto'. */
    public Builder bias(@Nullable Boolean value) {
      this.bias = value;
      return this;
    }

    /** null: no norm. */
    public Builder norm(@Nullable NormCfg value) {
      this.normCfg = value;
      return this;
    }

    /** null: no activation. */
    public Builder act(@Nullable ActCfg value) {
      this.act = value;
      return this;
    }

    /** The norm's initial weight (zero for a residual's last norm under {@code zero_init_residual}). */
    public Builder normWeightInit(Initializer value) {
      this.normWeightInit = value;
      return this;
    }

    public Builder order(String... value) {
      this.order = List.of(value);
      return this;
    }

    public ConvModule build() {
      return new ConvModule(this);
    }
  }
}
