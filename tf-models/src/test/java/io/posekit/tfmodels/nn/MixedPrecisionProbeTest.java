package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The probe against TensorFlow's stated rule, checked by a second route: the CPU's flags. */
class MixedPrecisionProbeTest {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private static Set<String> cpuFlags() throws IOException {
    String flags = Files.readAllLines(CPUINFO).stream().filter(l -> l.startsWith("flags")).findFirst().orElseThrow();
    return Arrays.stream(flags.substring(flags.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet());
  }

  @Test
  void float32AlwaysComputesInFloat32() {
    assertTrue(Precision.FLOAT32.computesHere());
  }

  @Test
  void bfloat16ComputesWhereTheCpuHasWhatOneDnnNeeds() throws IOException {
    assumeTrue(Files.isReadable(CPUINFO), "needs Linux's /proc/cpuinfo to know the CPU's flags");
    Set<String> flags = cpuFlags();
    // TensorFlow 2.18's IsBF16SupportedByOneDNNOnThisCPU: AVX512F or AVX_NE_CONVERT
    boolean expected = flags.contains("avx512f") || flags.contains("avx_ne_convert");
    assertEquals(expected, Precision.BFLOAT16.computesHere(), "CPU flags avx512f/avx_ne_convert: " + expected);
    assertEquals(expected, Precision.BFLOAT16.needsEvenChannels(), "the even-channel workaround follows the pass");
  }
}
