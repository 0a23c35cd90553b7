package io.posekit.tfmodels.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * TensorFlow's oneDNN CPU kernels (fused convolution + BN + ReLU, blocked layouts), switched on for
 * every x86 CPU. TensorFlow turns them on by itself only on CPUs with neural-network instructions
 * (AVX512_VNNI, AVX512_BF16, AMX); elsewhere, AVX2-only Intel and AMD parts included, it runs its
 * Eigen kernels unless {@code TF_ENABLE_ONEDNN_OPTS=1} is set, and there oneDNN is about 1.4x faster
 * for these models (docs/benchmarks.md). TensorFlow reads the variable from the C environment
 * once, when its native library loads, so {@link #enable()} sets it there (Java cannot change its
 * own environment) and must run before the first use of any {@code org.tensorflow} class. A value
 * the user set, {@code 0} included, is left alone. Single-image inference keeps TensorFlow's own
 * choice instead ({@link #keepTensorFlowDefault()}): at batch 1 oneDNN is the slower one there.
 */
public final class OneDnn {
  /** TensorFlow's switch: {@code 1} on, {@code 0} off, unset: TensorFlow's own choice by CPU. */
  public static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  /** What {@link #enable()} did. */
  public enum Outcome {
    /** The variable is now {@code 1}: TensorFlow will load with oneDNN on. */
    ENABLED,
    /** The user set the variable; their value stands. */
    USER_CHOICE,
    /** TensorFlow's native library was already loaded: too late to change its choice. */
    TOO_LATE,
    /** Not Linux on x86-64 (the only native build PoseKit ships): nothing done. */
    UNSUPPORTED_PLATFORM,
    /** JNA's native part could not load (e.g. a temporary directory mounted noexec): nothing done. */
    UNAVAILABLE,
    /** {@link #keepTensorFlowDefault()} came first: TensorFlow chooses by CPU, as without PoseKit. */
    TENSORFLOW_DEFAULT
  }

  private static Outcome outcome;

  private OneDnn() {}

  /** C's {@code setenv(3)}, the one libc function needed. */
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }

  /**
   * Leaves TensorFlow's own choice for this process, if nothing was decided yet: for single-image
   * inference ({@code PoseInferencer}, the {@code infer} command), where oneDNN's per-call weight
   * reorders cost more than its kernels gain on CPUs TensorFlow does not enable it for (HRNet-w32 at
   * batch 1 on an AVX2 CPU: 2.9 img/s with oneDNN, 5.2 without; docs/benchmarks.md).
   */
  public static synchronized Outcome keepTensorFlowDefault() {
    if (outcome == null) {
      outcome = Outcome.TENSORFLOW_DEFAULT;
    }
    return outcome;
  }

  /**
   * Switches oneDNN on for this process if nobody chose otherwise (training and batched testing,
   * where it is about 1.4x faster); idempotent.
   */
  public static synchronized Outcome enable() {
    if (outcome == null) {
      outcome = decide();
      if (outcome == Outcome.TOO_LATE) {
        LoggerFactory.getLogger(OneDnn.class).info(
            "TensorFlow was loaded before PoseKit could switch its oneDNN kernels on; on CPUs without AVX512_VNNI/AMX"
                + " set " + VARIABLE + "=1 before starting the JVM for faster convolutions");
      }
    }
    return outcome;
  }

  private static Outcome decide() {
    if (System.getenv(VARIABLE) != null) {
      return Outcome.USER_CHOICE;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Outcome.UNSUPPORTED_PLATFORM;
    }
    if (tensorFlowLoaded()) {
      return Outcome.TOO_LATE;
    }
    LibC libc;
    try {
      libc = Native.load("c", LibC.class);
    } catch (LinkageError e) {
      // a speed switch, not a feature: TensorFlow still runs, with its own choice of kernels
      LoggerFactory.getLogger(OneDnn.class).warn(
          "cannot set " + VARIABLE + "=1 (JNA does not load: " + e.getMessage() + "); TensorFlow keeps its own choice of"
              + " CPU kernels. Set " + VARIABLE + "=1 before starting the JVM for oneDNN's");
      return Outcome.UNAVAILABLE;
    }
    int rc = libc.setenv(VARIABLE, "1", 0);
    if (rc != 0) {
      throw new IllegalStateException("setenv(" + VARIABLE + ") failed with " + rc);
    }
    return Outcome.ENABLED;
  }

  /** Whether TensorFlow's native library is mapped into this process (Linux's /proc/self/maps). */
  static boolean tensorFlowLoaded() {
    try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.anyMatch(l -> l.contains("libtensorflow"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/maps to see whether TensorFlow is loaded", e);
    }
  }
}
