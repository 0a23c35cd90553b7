package io.posekit.tfmodels.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU's instruction-set flags as Linux lists them ({@code /proc/cpuinfo}), for choices
 * TensorFlow does not report back: whether bfloat16 runs natively or emulated. Empty elsewhere.
 */
public final class CpuFlags {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  private static volatile Set<String> flags;

  private CpuFlags() {}

  /** The flags of the first CPU; empty where /proc/cpuinfo does not exist. */
  public static Set<String> get() {
    Set<String> f = flags;
    if (f == null) {
      flags = f = read();
    }
    return f;
  }

  public static boolean has(String flag) {
    return get().contains(flag);
  }

  /**
   * Whether the CPU computes bfloat16 dot products in hardware (AVX512_BF16, AMX-BF16 or
   * AVX-NE-CONVERT); elsewhere oneDNN emulates bfloat16, several times slower than float32.
   */
  public static boolean hasNativeBfloat16() {
    return has("avx512_bf16") || has("amx_bf16") || has("avx_ne_convert");
  }

  private static Set<String> read() {
    if (!Files.isReadable(CPUINFO)) {
      return Set.of();
    }
    try (var lines = Files.lines(CPUINFO)) {
      return lines.filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + CPUINFO, e);
    }
  }
}
