package io.posekit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.runtime.config.cache.ResolvedConfigCache;
import io.posekit.runtime.config.dict.ConfigDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads MMPose's published configs (fetched locally, never committed; path in
 * POSEKIT_MMPOSE_CONFIGS) and compares them with MMEngine's own results: those in shared/parity,
 * or MMEngine dumps of the whole tree in POSEKIT_MMENGINE_REFS.
 */
@EnabledIfEnvironmentVariable(named = "POSEKIT_MMPOSE_CONFIGS", matches = ".+")
class MmposeParityTest {
  static Path sharedDir() {
    String prop = System.getProperty("posekit.shared.dir");
    return Path.of(prop != null ? prop : "../shared").toAbsolutePath().normalize();
  }

  /** MMEngine dumps of the whole tree (POSEKIT_MMENGINE_REFS), else the subset in shared/parity. */
  static Path referenceDir() {
    String whole = System.getenv("POSEKIT_MMENGINE_REFS");
    return whole != null && !whole.isEmpty() ? Path.of(whole) : sharedDir().resolve("parity/mmengine");
  }

  /**
   * Every config that has an MMEngine reference ({@code <rel>.py.typed.json} and {@code .keys.json}
   * in the canonical form of shared/parity/README.md) loads to the same values, types and key
   * order. With POSEKIT_MMENGINE_REFS that is the whole tree (dumps written by MMEngine's own
   * {@code Config.fromfile}, see docs/benchmarks.md), {@code mmpose::} bases resolving to the tree.
   */
  @Test
  void everyReferencedConfigLoadsAsMmengineLoadsIt() throws IOException {
    Path configs = Path.of(System.getenv("POSEKIT_MMPOSE_CONFIGS")).toAbsolutePath().normalize();
    Path refs = referenceDir();
    List<Path> typed;
    try (Stream<Path> s = Files.walk(refs)) {
      typed = s.filter(p -> p.toString().endsWith(".py.typed.json")).sorted().toList();
    }
    assertTrue(typed.size() > 100, "parity references found under " + refs);
    LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of()).withScopeRoots(Map.of("mmpose", configs));
    List<String> mismatches = new ArrayList<>();
    int equal = 0;
    for (Path ref : typed) {
      String rel = refs.relativize(ref).toString().replace(".typed.json", "");
      try {
        Config cfg = Config.fromFile(configs.resolve(rel), options);
        JsonNode expected = CanonicalJson.MAPPER.readTree(ref.toFile());
        JsonNode keys = CanonicalJson.MAPPER.readTree(ref.resolveSibling(ref.getFileName().toString().replace(".typed.json", ".keys.json")).toFile());
        JsonNode actual = CanonicalJson.of(cfg.dict());
        JsonNode actualKeys = CanonicalJson.MAPPER.valueToTree(cfg.dict().keySet().stream().map(String::valueOf).toList());
        if (!expected.equals(actual)) {
          mismatches.add(rel + ": values differ " + firstDifference(expected, actual, ""));
        } else if (!keys.equals(actualKeys)) {
          mismatches.add(rel + ": key order " + actualKeys + " vs " + keys);
        } else {
          equal++;
        }
      } catch (RuntimeException e) {
        mismatches.add(rel + ": " + e.getMessage().lines().limit(3).toList());
      }
    }
    System.out.println("MMPose parity (" + refs + "): " + equal + " / " + typed.size() + " equal");
    mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
    assertEquals(List.of(), mismatches);
  }

  /** The whole tree through the on-disk cache: what a cached load gives is what the files give. */
  @Test
  void cachedLoadsOfTheWholeTreeEqualUncachedLoads(@TempDir Path cacheDir) throws IOException {
    Path configs = Path.of(System.getenv("POSEKIT_MMPOSE_CONFIGS")).toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> s = Files.walk(configs)) {
      files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
    LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of()).withScopeRoots(Map.of("mmpose", configs));
    ResolvedConfigCache cache = new ResolvedConfigCache(cacheDir);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (Path file : files) {
      Config plain;
      try {
        plain = Config.fromFile(file, options);
      } catch (RuntimeException e) {
        continue; // not loadable at all: the parity test reports it
      }
      Config.fromFile(file, options.withCache(cacheDir));
      Path path = file.toAbsolutePath().normalize();
      ConfigDict cached = cache.lookup(path, options.scopeRoots(), options.packageDirs(), options.environment()).orElseThrow().dict();
      if (!CanonicalJson.of(plain.dict()).equals(CanonicalJson.of(cached))
          || !List.copyOf(plain.dict().keySet()).equals(List.copyOf(cached.keySet()))
          || !plain.prettyText().equals(Config.fromFile(file, options.withCache(cacheDir)).prettyText())) {
        mismatches.add(configs.relativize(file).toString());
      }
      compared++;
    }
    System.out.println("MMPose cache round trip: " + (compared - mismatches.size()) + " / " + compared + " equal");
    assertEquals(List.of(), mismatches);
  }

  static String firstDifference(JsonNode a, JsonNode b, String path) {
    if (a.isObject() && b.isObject()) {
      for (var it = a.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!b.has(f)) {
          return path + "." + f + " missing";
        }
        if (!a.get(f).equals(b.get(f))) {
          return firstDifference(a.get(f), b.get(f), path + "." + f);
        }
      }
      for (var it = b.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!a.has(f)) {
          return path + "." + f + " unexpected";
        }
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          return firstDifference(a.get(i), b.get(i), path + "." + i);
        }
      }
    }
    String as = a.toString();
    String bs = b.toString();
    return path + ": expected " + as.substring(0, Math.min(120, as.length())) + " got " + bs.substring(0, Math.min(120, bs.length()));
  }
}
