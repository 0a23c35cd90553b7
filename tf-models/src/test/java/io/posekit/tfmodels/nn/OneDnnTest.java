package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * {@link OneDnn#enable()} in fresh JVMs (TensorFlow reads the switch once, when it loads), each
 * checked by what TensorFlow then executes: oneDNN's convolution ({@code _MklNative...}) or Eigen's.
 */
class OneDnnTest {
  /** Run in a child JVM: {@code [enable-first|tensorflow-first]}; prints the outcome and the executed conv op. */
  public static void main(String[] args) {
    String outcome;
    if (args[0].equals("keep-default-first")) {
      OneDnn.keepTensorFlowDefault();
      outcome = OneDnn.enable() + " " + executedConvolution();
    } else if (args[0].equals("tensorflow-first")) {
      String op = executedConvolution();
      outcome = OneDnn.enable() + " " + op;
    } else {
      outcome = OneDnn.enable() + " " + executedConvolution();
    }
    System.out.println(outcome);
  }

  /** The type of the op TensorFlow ran for one Conv2D. */
  static String executedConvolution() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 8, 8, 8)));
      var w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 8, 8)));
      var y = tf.identity(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"));
      try (var xt = TFloat32.tensorOf(Shape.of(1, 8, 8, 8));
          var wt = TFloat32.tensorOf(Shape.of(3, 3, 8, 8));
          var run = s.runner().feed(x, xt).feed(w, wt).fetch(y)
              .setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build()).runAndFetchMetadata()) {
        for (GraphDef partition : run.getMetadata().orElseThrow().getPartitionGraphsList()) {
          for (NodeDef node : partition.getNodeList()) {
            if (node.getOp().contains("Conv2D")) {
              return node.getOp();
            }
          }
        }
        return "none";
      }
    }
  }

  private static String child(String mode, Map<String, String> env, String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), OneDnnTest.class.getName(), mode));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove(OneDnn.VARIABLE);
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void enablingBeforeTensorFlowLoadsRunsOneDnnKernels() throws Exception {
    assertEquals("ENABLED _MklNativeConv2D", child("enable-first", Map.of()));
  }

  @Test
  void theUsersChoiceStands() throws Exception {
    assertEquals("USER_CHOICE Conv2D", child("enable-first", Map.of(OneDnn.VARIABLE, "0")));
    assertEquals("USER_CHOICE _MklNativeConv2D", child("enable-first", Map.of(OneDnn.VARIABLE, "1")));
  }

  @Test
  void singleImageInferenceKeepsTensorFlowsChoice() throws Exception {
    // what TensorFlow runs on its own here (Eigen's Conv2D on CPUs without AVX512_VNNI/AMX)
    String own = child("enable-first", Map.of(OneDnn.VARIABLE, "")).split(" ")[1];
    String out = child("keep-default-first", Map.of());
    assertEquals("TENSORFLOW_DEFAULT", out.split(" ")[0], out);
    assertEquals(own, out.split(" ")[1], "keeping the default runs what TensorFlow chooses alone");
  }

  @Test
  void withoutJnaTensorFlowStillRunsOnItsOwnChoice() throws Exception {
    // JNA told not to unpack its native library from the jar (and none installed): it cannot load
    String out = child("enable-first", Map.of(), "-Djna.nounpack=true", "-Djna.nosys=true");
    assertEquals("UNAVAILABLE", out.split(" ")[0], out);
  }

  @Test
  void afterTensorFlowLoadedItIsTooLate() throws Exception {
    String out = child("tensorflow-first", Map.of());
    assertEquals("TOO_LATE", out.split(" ")[0], out);
  }
}
