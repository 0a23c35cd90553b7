package io.posekit.runtime.config.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Cache entries under a fuzzer. The CRC keeps out torn writes, not someone who can write the cache
 * folder: so the fuzzer writes bodies with a valid header as often as raw bytes. Property: a
 * lookup of any entry gives an entry or nothing; it never throws (a corrupt entry only costs the
 * load) and allocates no more than the entry's size allows.
 */
class ResolvedConfigCacheFuzzTest {
  private static final Path DIR = tempDir();
  private static final Path CONFIG = DIR.resolve("cfg.py");

  @FuzzTest(maxDuration = "10m")
  void cacheEntry(FuzzedDataProvider data) throws Exception {
    boolean withHeader = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    ResolvedConfigCache cache = new ResolvedConfigCache(DIR);
    Path entry = cache.entryFile(ResolvedConfigCache.key(CONFIG, Map.of(), Map.of()));
    Files.write(entry, withHeader ? withHeader(body) : body);
    var found = cache.lookup(CONFIG, Map.of(), Map.of(), Map.of());
    assertTrue(found.isEmpty() || found.get().dict() != null);
  }

  /** The header ResolvedConfigCache writes: magic, format version, length, CRC-32C. */
  static byte[] withHeader(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    byte[] magic = "PKCONFIG".getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(magic.length + 12 + body.length).put(magic).putInt(ResolvedConfigCache.FORMAT_VERSION)
        .putInt(body.length).putInt((int) crc.getValue()).put(body).array();
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("posekit-cache-fuzz");
      Files.writeString(dir.resolve("cfg.py"), "x = 1\n");
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
