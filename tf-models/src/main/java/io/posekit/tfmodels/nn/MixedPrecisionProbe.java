package io.posekit.tfmodels.nn;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Whether TensorFlow actually computes in a mixed precision on this machine. Grappler's passes
 * skip a graph silently where the hardware lacks support: the oneDNN bfloat16 pass runs only on
 * CPUs with AVX-512 or AVX-NE-CONVERT (TensorFlow's {@code IsBF16SupportedByOneDNNOnThisCPU}), so on
 * an AVX2-only CPU a "bfloat16" graph computes in float32. Rather than restate TensorFlow's rule,
 * the probe runs one convolution through the pass and reads the types of the graph TensorFlow
 * executed; the answer is cached per precision for the life of the JVM.
 */
public final class MixedPrecisionProbe {
  private static final Map<Precision, Boolean> RESULTS = new EnumMap<>(Precision.class);

  private MixedPrecisionProbe() {}

  /** Whether a graph configured for {@code precision} computes (some of) its convolutions in it here. */
  public static synchronized boolean computesIn(Precision precision) {
    if (!precision.isMixed()) {
      return true;
    }
    return RESULTS.computeIfAbsent(precision, MixedPrecisionProbe::probe);
  }

  private static boolean probe(Precision precision) {
    OneDnn.enable(); // the probe may be the first use of TensorFlow, and the pass needs oneDNN
    RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
    precision.configure(rewrites);
    ConfigProto config = ConfigProto.newBuilder()
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites)).build();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      // fed (not constant) inputs: Grappler would fold a convolution of constants before the pass
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 8, 8, 4)));
      var w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 4, 4)));
      var y = tf.identity(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"));
      try (Session s = new Session(g, config);
          var xt = TFloat32.tensorOf(Shape.of(1, 8, 8, 4));
          var wt = TFloat32.tensorOf(Shape.of(3, 3, 4, 4));
          var run = s.runner().feed(x, xt).feed(w, wt).fetch(y)
              .setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build()).runAndFetchMetadata()) {
        DataType wanted = dataType(precision);
        for (GraphDef partition : run.getMetadata().orElseThrow().getPartitionGraphsList()) {
          for (NodeDef node : partition.getNodeList()) {
            if (node.getAttrMap().values().stream().anyMatch(a -> isType(a, wanted))) {
              return true;
            }
          }
        }
        return false;
      }
    }
  }

  private static boolean isType(AttrValue attr, DataType type) {
    return attr.getValueCase() == AttrValue.ValueCase.TYPE && attr.getType() == type;
  }

  private static DataType dataType(Precision precision) {
    return switch (precision) {
      case BFLOAT16 -> DataType.DT_BFLOAT16;
      case FLOAT16 -> DataType.DT_HALF;
      case FLOAT32 -> DataType.DT_FLOAT;
    };
  }
}
