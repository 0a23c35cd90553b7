package io.posekit.tfmodels.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our checkpoints in torch.save's format read back identically. (Checked once by hand that
 * PyTorch 1.13 opens them: {@code torch.load('ckpt.pth')['state_dict']['w'].shape == (2, 3, 1, 2)}.)
 */
class TorchCheckpointWriterTest {
  @Test
  void writtenCheckpointReadsBack(@TempDir Path dir) throws IOException {
    float[] v = new float[12];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 0.5f - 2;
    }
    StateDict sd = new StateDict()
        .put("w", new FloatArray(new long[] {2, 3, 1, 2}, v))
        .put("s", FloatArray.scalar(3));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", 4);
    meta.put("iter", 5_000_000_000L);
    meta.put("lr", 0.001);
    meta.put("name", "résumé");
    meta.put("flags", List.of(true, false));
    meta.put("size", new Object[] {192, 256});
    meta.put("none", null);
    Path file = dir.resolve("epoch_4.pth");
    TorchCheckpointWriter.save(Map.of("meta", meta, "state_dict", sd), file);

    @SuppressWarnings("unchecked")
    Map<Object, Object> back = (Map<Object, Object>) TorchCheckpoint.load(file);
    assertEquals(sd, CheckpointLoader.stateDict(back, file.toString()));
    @SuppressWarnings("unchecked")
    Map<Object, Object> m = (Map<Object, Object>) back.get("meta");
    assertEquals(4, ((Number) m.get("epoch")).intValue());
    assertEquals(5_000_000_000L, ((Number) m.get("iter")).longValue());
    assertEquals(0.001, (Double) m.get("lr"));
    assertEquals("résumé", m.get("name"));
    assertEquals(List.of(true, false), m.get("flags"));
    assertArrayEquals(new Object[] {192, 256}, (Object[]) m.get("size"));
    assertTrue(m.containsKey("none") && m.get("none") == null);
  }

  @Test
  void unsupportedValuesNameTheirPath(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> TorchCheckpointWriter.save(Map.of("meta", Map.of("when", new java.util.Date())), dir.resolve("x.pth")));
    assertTrue(e.getMessage().startsWith("checkpoint.meta.when: cannot write a java.util.Date"), e.getMessage());
  }
}
