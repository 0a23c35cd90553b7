package io.posekit.runtime.config.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.KeyOverride;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvedConfigCacheTest {
  @TempDir Path dir;
  Path cacheDir;
  Path child;
  LoadOptions options;

  @BeforeEach
  void writeConfigs() throws IOException {
    cacheDir = dir.resolve("cache");
    Path configs = Files.createDirectories(dir.resolve("configs/_base_"));
    Files.writeString(configs.resolve("models.py"), String.join("\n",
        "model = dict(type='Top', backbone=dict(depth=50, out_indices=(3,)), head=dict(out=17, loss=dict(type='L')))",
        "codec = dict(input_size=(192, 256), sigma=2.0, ids={0: 'nose', 1: 'eye', (2, 3): 'pair'})",
        "big = 2 ** 70",
        "long_int = 2 ** 40",
        "neg_zero = -0.0",
        "greeting = u'\\u00e9t\\u00e9 \\U0001F600'",
        ""));
    Files.writeString(configs.resolve("data.json"), "{\"data_root\": \"{{$PK_CACHE_ROOT:/data/coco}}\", \"batch\": 64}\n");
    child = dir.resolve("configs/child.py");
    Files.writeString(child, String.join("\n",
        "_base_ = ['./_base_/models.py', './_base_/data.json']",
        "model = dict(head=dict(_delete_=True, type='NewHead'), backbone=dict(depth=101))",
        "size_copy = {{_base_.codec.input_size}}",
        "lr = 1 / 4",
        "_deprecation_ = dict(expected='other.py', reference='https://example.org')",
        ""));
    options = LoadOptions.defaults().withEnvironment(Map.of()).withCache(cacheDir);
  }

  private ResolvedConfigCache cache() {
    return new ResolvedConfigCache(cacheDir);
  }

  private Path entry() {
    return cache().entryFile(ResolvedConfigCache.key(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs()));
  }

  @Test
  void cachedLoadGivesWhatTheFilesGiveWithTypesOrderAndProvenance() throws IOException {
    Config uncached = Config.fromFile(child, options.withoutCache());
    assertFalse(Files.exists(cacheDir), "an uncached load writes nothing");
    Config first = Config.fromFile(child, options);
    assertTrue(Files.isRegularFile(entry()));
    assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isPresent());
    Config cached = Config.fromFile(child, options);

    for (Config c : List.of(first, cached)) {
      assertEquals(CanonicalJson.of(uncached.dict()), CanonicalJson.of(c.dict()));
      assertEquals(List.copyOf(uncached.dict().keySet()), List.copyOf(c.dict().keySet()));
      assertEquals(uncached.prettyText(), c.prettyText());
      assertEquals(uncached.warnings(), c.warnings());
      for (String key : List.of("model", "model.head", "model.head.type", "model.backbone.depth",
          "codec.ids", "size_copy", "data_root", "lr", "big")) {
        assertEquals(uncached.explain(key), c.explain(key), key);
      }
    }
    // the value types survive (not just their JSON spelling)
    assertEquals(Tuple.of(192, 256), cached.get("size_copy"));
    assertEquals(Tuple.of(3), cached.get("model.backbone.out_indices"));
    assertEquals(2.0, cached.get("codec.sigma"));
    assertEquals(0.25, cached.get("lr"));
    assertEquals(BigInteger.TWO.pow(70), cached.get("big"));
    assertEquals(1L << 40, cached.get("long_int"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) cached.get("neg_zero")));
    assertEquals("pair", ((ConfigDict) cached.get("codec.ids")).get(Tuple.of(2, 3)));
    assertEquals("nose", ((ConfigDict) cached.get("codec.ids")).get(0));
    assertEquals("\u00e9t\u00e9 \uD83D\uDE00", cached.get("greeting"));
    ConfigDict model = (ConfigDict) cached.get("model");
    assertEquals(uncached.dict().locationOf("model"), cached.dict().locationOf("model"));
    assertEquals(((ConfigDict) uncached.get("model")).locationOf("backbone"), model.locationOf("backbone"));
    assertEquals(((ConfigDict) uncached.get("model")).overridesOf("head"), model.overridesOf("head"));
    assertEquals(KeyOverride.Kind.DELETED, model.overridesOf("head").get(0).kind());
    assertTrue(cached.dict().locationOf("batch").orElseThrow().baseChain().get(0).endsWith("child.py"));
    // cached dicts are ordinary live ConfigDicts
    cached.mergeFromDict(Map.of("model.backbone.depth", 18));
    assertEquals(18, cached.get("model.backbone.depth"));
  }

  @Test
  void anyChangeInTheBaseChainLoadsTheFilesAgain() throws IOException {
    Config.fromFile(child, options);
    Path base = dir.resolve("configs/_base_/models.py");
    String text = Files.readString(base);
    // same length, one byte different: a size or time check would not see it
    Files.writeString(base, text.replace("out_indices=(3,)", "out_indices=(2,)"));
    assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isEmpty());
    assertEquals(101, Config.fromFile(child, options).get("model.backbone.depth"));
    assertEquals(Tuple.of(2), Config.fromFile(child, options).get("model.backbone.out_indices"));

    Path json = dir.resolve("configs/_base_/data.json");
    Files.writeString(json, Files.readString(json).replace("64", "32"));
    assertEquals(32, Config.fromFile(child, options).get("batch"));
    assertEquals(32, Config.fromFile(child, options).get("batch"));

    Files.delete(json);
    assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isEmpty());
  }

  @Test
  void environmentVariablesAskedForArePartOfTheKey() {
    assertEquals("/data/coco", Config.fromFile(child, options).get("data_root"));
    LoadOptions withRoot = options.withEnvironment(Map.of("PK_CACHE_ROOT", "/elsewhere"));
    Config set = Config.fromFile(child, withRoot);
    assertEquals("/elsewhere", set.get("data_root"));
    assertEquals(Map.of("PK_CACHE_ROOT", "/elsewhere"), Config.fromFile(child, withRoot).envVariables());
    assertEquals("/data/coco", Config.fromFile(child, options).get("data_root"));
    // variables no placeholder asks for do not matter
    assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), Map.of("OTHER", "1")).isPresent());
  }

  @Test
  void scopeRootsArePartOfTheKey() {
    Path normalized = child.toAbsolutePath().normalize();
    assertNotEquals(ResolvedConfigCache.key(normalized, options.scopeRoots(), options.packageDirs()),
        ResolvedConfigCache.key(normalized, Map.of("mmpose", dir), options.packageDirs()));
  }

  @Test
  void corruptEntriesAreDetectedAndIgnored() throws IOException {
    Config expected = Config.fromFile(child, options.withoutCache());
    Config.fromFile(child, options);
    byte[] good = Files.readAllBytes(entry());
    List<byte[]> corrupt = new ArrayList<>();
    corrupt.add(new byte[0]);
    corrupt.add(java.util.Arrays.copyOf(good, good.length / 2)); // torn write
    byte[] flipped = good.clone();
    flipped[flipped.length - 7] ^= 0x10; // one bit in the body
    corrupt.add(flipped);
    byte[] magic = good.clone();
    magic[0] = 'X';
    corrupt.add(magic);
    byte[] version = good.clone();
    version[11]++;
    corrupt.add(version);
    // garbage whose checksum is right: the decoder itself must refuse it
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      byte[] body = new byte[1 + random.nextInt(300)];
      random.nextBytes(body);
      if (i % 2 == 0) { // a valid start (the key), then garbage
        byte[] valid = java.util.Arrays.copyOfRange(good, 20, 20 + Math.min(good.length - 20, 80 + i));
        body = ByteBuffer.allocate(valid.length + body.length).put(valid).put(body).array();
      }
      corrupt.add(withHeader(body));
    }
    for (byte[] bytes : corrupt) {
      Files.write(entry(), bytes);
      assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isEmpty());
      Config loaded = Config.fromFile(child, options);
      assertEquals(CanonicalJson.of(expected.dict()), CanonicalJson.of(loaded.dict()));
      assertArrayEquals(good, Files.readAllBytes(entry()), "the entry is written anew");
      assertTrue(cache().lookup(child.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isPresent());
    }
    try (Stream<Path> files = Files.list(cacheDir)) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  private static byte[] withHeader(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return ByteBuffer.allocate(20 + body.length).put("PKCONFIG".getBytes(StandardCharsets.US_ASCII))
        .putInt(ResolvedConfigCache.FORMAT_VERSION).putInt(body.length).putInt((int) crc.getValue()).put(body).array();
  }

  @Test
  void configsThatPrintAreNotCached() throws IOException {
    Path printing = dir.resolve("configs/printing.py");
    Files.writeString(printing, "x = 1\nprint('loading', x)\n");
    Config.fromFile(printing, options);
    assertTrue(!Files.exists(cacheDir) || cache().lookup(printing.toAbsolutePath().normalize(), options.scopeRoots(), options.packageDirs(), options.environment()).isEmpty());
  }

  @Test
  void userCacheDirectoryFollowsTheEnvironment() {
    assertEquals(Path.of("/x/posekit/configs"),
        ResolvedConfigCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/x")).orElseThrow());
    assertEquals(Path.of("/y"),
        ResolvedConfigCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/x", "POSEKIT_CACHE_DIR", "/y")).orElseThrow());
    assertEquals(Path.of(System.getProperty("user.home"), ".cache/posekit/configs"),
        ResolvedConfigCache.defaultDirectory(Map.of()).orElseThrow());
    assertTrue(ResolvedConfigCache.defaultDirectory(Map.of("POSEKIT_NO_CACHE", "1", "POSEKIT_CACHE_DIR", "/y")).isEmpty());
    assertEquals(null, LoadOptions.defaults().withEnvironment(Map.of("POSEKIT_NO_CACHE", "1")).withUserCache().cacheDir());
  }
}
