package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.ReLU;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.nn.Upsample;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * HRNet's multi-resolution module: parallel residual branches, then fusion where every output
 * resolution sums all branches (1x1 conv + nearest upsampling from lower resolutions, chains of
 * stride-2 3x3 convs from higher ones) followed by ReLU.
 */
final class HRModule {
  private final List<Sequential> branches = new ArrayList<>();
  /** fuse[i][j]: branch j brought to resolution i, null when i == j. */
  private final Layer[][] fuse;
  private final int[] outChannels;

  HRModule(int numBranches, HRNetStage.Block block, int[] numBlocks, int[] inChannels, int[] numChannels,
      boolean multiscaleOutput) {
    int[] in = inChannels.clone();
    int expansion = block.expansion();
    for (int i = 0; i < numBranches; i++) {
      int out = numChannels[i] * expansion;
      List<Layer> blocks = new ArrayList<>();
      for (int b = 0; b < numBlocks[i]; b++) {
        int blockIn = b == 0 ? in[i] : out;
        Layer downsample = blockIn != out ? Sequential.of(Conv2d.noBias(blockIn, out, 1, 1, 0), new BatchNorm2d(out)) : null;
        blocks.add(block == HRNetStage.Block.BASIC
            ? new BasicBlock(blockIn, out, 1, 1, downsample, false)
            : new Bottleneck(blockIn, out, 1, 1, ResNet.Style.PYTORCH, downsample, false));
      }
      branches.add(new Sequential(blocks));
      in[i] = out;
    }
    this.outChannels = in;
    int numOut = numBranches == 1 ? 1 : (multiscaleOutput ? numBranches : 1);
    this.fuse = numBranches == 1 ? null : new Layer[numOut][numBranches];
    if (fuse != null) {
      for (int i = 0; i < numOut; i++) {
        for (int j = 0; j < numBranches; j++) {
          if (j > i) {
            fuse[i][j] = Sequential.of(Conv2d.noBias(in[j], in[i], 1, 1, 0), new BatchNorm2d(in[i]), new Upsample(1 << (j - i)));
          } else if (j < i) {
            List<Layer> downs = new ArrayList<>();
            for (int k = 0; k < i - j; k++) {
              downs.add(k == i - j - 1
                  ? Sequential.of(Conv2d.noBias(in[j], in[i], 3, 2, 1), new BatchNorm2d(in[i]))
                  : Sequential.of(Conv2d.noBias(in[j], in[j], 3, 2, 1), new BatchNorm2d(in[j]), new ReLU()));
            }
            fuse[i][j] = new Sequential(downs);
          }
        }
      }
    }
  }

  /** Channels of each branch output (before fusion selects the output resolutions). */
  int[] outChannels() {
    return outChannels.clone();
  }

  List<Operand<TFloat32>> apply(GraphContext ctx, List<Operand<TFloat32>> x) {
    var tf = ctx.tf();
    List<Operand<TFloat32>> ys = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      ys.add(branches.get(i).apply(ctx.child("branches").child(i), x.get(i)));
    }
    if (fuse == null) {
      return ys;
    }
    List<Operand<TFloat32>> fused = new ArrayList<>();
    for (int i = 0; i < fuse.length; i++) {
      Operand<TFloat32> sum = null;
      for (int j = 0; j < branches.size(); j++) {
        Operand<TFloat32> term = i == j ? ys.get(j) : fuse[i][j].apply(ctx.child("fuse_layers").child(i).child(j), ys.get(j));
        sum = sum == null ? term : tf.math.add(sum, term);
      }
      fused.add(tf.nn.relu(sum));
    }
    return fused;
  }

  long parameterCount() {
    long n = branches.stream().mapToLong(Layer::parameterCount).sum();
    if (fuse != null) {
      for (Layer[] row : fuse) {
        for (Layer l : row) {
          n += l == null ? 0 : l.parameterCount();
        }
      }
    }
    return n;
  }
}
