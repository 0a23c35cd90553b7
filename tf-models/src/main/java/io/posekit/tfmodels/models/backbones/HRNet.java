package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.ReLU;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code HRNet}: a stride-4 stem, a bottleneck {@code layer1}, then stages of
 * {@link HRModule}s joined by transitions that adapt channels and add a half-resolution branch.
 */
@RegisterModule(registry = Registries.MODELS)
public final class HRNet implements Backbone {
  private final HRNetExtra extra;
  private final int frozenStages;
  private final boolean normEval;
  private final Conv2d conv1;
  private final BatchNorm2d bn1 = new BatchNorm2d(64);
  private final Conv2d conv2 = Conv2d.noBias(64, 64, 3, 2, 1);
  private final BatchNorm2d bn2 = new BatchNorm2d(64);
  private final Sequential layer1;
  /** transitions.get(s)[i]: into branch i of stage s + 2; null keeps the branch as it is. */
  private final List<Layer[]> transitions = new ArrayList<>();
  private final List<List<HRModule>> stages = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public HRNet(
      HRNetExtra extra,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this.initCfg = InitCfg.parse(initCfg, "HRNet.init_cfg");
    this.extra = extra;
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    this.conv1 = Conv2d.noBias(inChannels, 64, 3, 2, 1);
    HRNetStage s1 = extra.stage1();
    int stage1Out = s1.numChannels()[0] * s1.block().expansion();
    List<Layer> blocks = new ArrayList<>();
    for (int b = 0; b < s1.numBlocks()[0]; b++) {
      int in = b == 0 ? 64 : stage1Out;
      Layer downsample = in != stage1Out ? Sequential.of(Conv2d.noBias(in, stage1Out, 1, 1, 0), new BatchNorm2d(stage1Out)) : null;
      blocks.add(s1.block() == HRNetStage.Block.BASIC
          ? new BasicBlock(in, stage1Out, 1, 1, downsample, false)
          : new Bottleneck(in, stage1Out, 1, 1, ResNet.Style.PYTORCH, downsample, false));
    }
    this.layer1 = new Sequential(blocks);
    int[] pre = {stage1Out};
    HRNetStage[] next = {extra.stage2(), extra.stage3(), extra.stage4()};
    for (int s = 0; s < next.length; s++) {
      HRNetStage cfg = next[s];
      int expansion = cfg.block().expansion();
      int[] cur = new int[cfg.numBranches()];
      for (int i = 0; i < cur.length; i++) {
        cur[i] = cfg.numChannels()[i] * expansion;
      }
      transitions.add(transition(pre, cur));
      boolean multiscale = cfg.multiscaleOutput() == null ? s < 2 : cfg.multiscaleOutput();
      List<HRModule> modules = new ArrayList<>();
      int[] in = cur;
      for (int m = 0; m < cfg.numModules(); m++) {
        boolean out = !(!multiscale && m == cfg.numModules() - 1);
        HRModule module = new HRModule(cfg.numBranches(), cfg.block(), cfg.numBlocks(), in, cfg.numChannels(), out);
        modules.add(module);
        in = module.outChannels();
      }
      stages.add(modules);
      pre = in;
    }
  }

  /** MMPose's {@code _make_transition_layer}. */
  private static Layer[] transition(int[] pre, int[] cur) {
    Layer[] t = new Layer[cur.length];
    for (int i = 0; i < cur.length; i++) {
      if (i < pre.length) {
        if (cur[i] != pre[i]) {
          t[i] = Sequential.of(Conv2d.noBias(pre[i], cur[i], 3, 1, 1), new BatchNorm2d(cur[i]), new ReLU());
        }
      } else {
        List<Layer> downs = new ArrayList<>();
        for (int j = 0; j < i + 1 - pre.length; j++) {
          int in = pre[pre.length - 1];
          int out = j == i - pre.length ? cur[i] : in;
          downs.add(Sequential.of(Conv2d.noBias(in, out, 3, 2, 1), new BatchNorm2d(out), new ReLU()));
        }
        t[i] = new Sequential(downs);
      }
    }
    return t;
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    GraphContext c = ctx.withNormEval(normEval);
    GraphContext stem = c.withFrozen(frozenStages >= 0);
    Operand<TFloat32> y = tf.nn.relu(ConvBn.apply(conv1, stem.child("conv1"), bn1, stem.child("bn1"), x));
    y = tf.nn.relu(ConvBn.apply(conv2, stem.child("conv2"), bn2, stem.child("bn2"), y));
    y = layer1.apply(c.withFrozen(frozenStages >= 1).child("layer1"), y);
    List<Operand<TFloat32>> ys = List.of(y);
    for (int s = 0; s < stages.size(); s++) {
      // MMPose freezes transition{i} with layer1 / stage{i}
      Layer[] t = transitions.get(s);
      GraphContext tc = c.withFrozen(frozenStages >= s + 1).child("transition" + (s + 1));
      List<Operand<TFloat32>> xs = new ArrayList<>();
      for (int i = 0; i < t.length; i++) {
        Operand<TFloat32> src = i < ys.size() ? ys.get(i) : ys.get(ys.size() - 1);
        xs.add(t[i] == null ? src : t[i].apply(tc.child(i), src));
      }
      GraphContext sc = c.withFrozen(frozenStages >= s + 2).child("stage" + (s + 2));
      List<HRModule> modules = stages.get(s);
      for (int m = 0; m < modules.size(); m++) {
        xs = modules.get(m).apply(sc.child(m), xs);
      }
      ys = xs;
    }
    return ys;
  }

  @Override
  public long parameterCount() {
    long n = conv1.parameterCount() + bn1.parameterCount() + conv2.parameterCount() + bn2.parameterCount()
        + layer1.parameterCount();
    for (Layer[] t : transitions) {
      for (Layer l : t) {
        n += l == null ? 0 : l.parameterCount();
      }
    }
    for (List<HRModule> modules : stages) {
      n += modules.stream().mapToLong(HRModule::parameterCount).sum();
    }
    return n;
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  public HRNetExtra extra() {
    return extra;
  }
}
