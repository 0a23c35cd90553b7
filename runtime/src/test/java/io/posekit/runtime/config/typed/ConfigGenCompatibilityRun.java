package io.posekit.runtime.config.typed;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.configgen.ConfigLayer;
import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.ConfigLayers;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.RegistryTypedDictReader;
import io.posekit.runtime.runner.TypedConfigTranslator;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A program, not a test: config-gen over MMPose's whole {@code configs/} tree (argument 1, or
 * POSEKIT_MMPOSE_CONFIGS). Generates (lenient: unregistered types stay plain dicts), compiles the
 * whole tree in one javac run, and for every config whose types are all registered compares what
 * its generated class builds with the loaded config read as typed configs (canonical form of
 * shared/parity). Prints the counts, the unregistered types and the times. See docs/benchmarks.md.
 */
public final class ConfigGenCompatibilityRun {
  private ConfigGenCompatibilityRun() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : System.getenv("POSEKIT_MMPOSE_CONFIGS")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("posekit-configgen-compat");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
    LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of()).withScopeRoots(Map.of("mmpose", root));
    Registry registry = Registry.load();

    long t0 = System.nanoTime();
    ConfigLayers layers = new ConfigLayers(root, options);
    Map<String, String> loadFailures = new TreeMap<>();
    Map<String, Config> loaded = new HashMap<>();
    for (Path file : files) {
      try {
        loaded.put(layers.name(file), layers.load(file));
      } catch (RuntimeException e) {
        loadFailures.put(layers.name(file), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
    }
    long t1 = System.nanoTime();
    List<ConfigLayer> all = layers.layers();
    ConfigSourceGenerator generator = new ConfigSourceGenerator(new RegistryTypedDictReader(registry),
        new ConfigSourceGenerator.Options("mmposecfg", root, true));
    ConfigSourceGenerator.Result result = generator.generate(all);
    long t2 = System.nanoTime();
    List<String> compileErrors = GeneratedJava.compile(result.sources(), work);
    long t3 = System.nanoTime();

    Map<String, ConfigLayer> byName = new HashMap<>();
    all.forEach(l -> byName.put(l.name(), l));
    Map<String, Set<String>> plainTypesByFile = new HashMap<>();
    for (ConfigSourceGenerator.PlainDict plain : result.plainDicts()) {
      plainTypesByFile.computeIfAbsent(plain.file(), f -> new TreeSet<>()).add(plain.type());
    }
    Set<String> brokenFiles = new LinkedHashSet<>();
    for (String error : compileErrors) {
      brokenFiles.add(error.substring(0, error.indexOf(':')));
    }
    Map<String, Integer> skippedByType = new TreeMap<>();
    Map<String, Integer> skippedBySet = new TreeMap<>();
    RegistryTypedDictReader typedReader = new RegistryTypedDictReader(registry);
    int leniencyCompared = 0;
    int lenientEqual = 0;
    List<String> lenientDifferent = new ArrayList<>();
    int eligible = 0;
    int compiled = 0;
    int equal = 0;
    List<String> different = new ArrayList<>();
    try (URLClassLoader loader = GeneratedJava.loader(work)) {
      for (Map.Entry<String, Config> e : new TreeMap<>(loaded).entrySet()) {
        String name = e.getKey();
        Set<String> chain = chain(name, byName);
        String generatedClass = ConfigSourceGenerator.Result.className("mmposecfg", name);
        if (chain.stream().noneMatch(f -> brokenFiles.contains(className(f)))) {
          leniencyCompared++;
          try {
            Object generated = TypedConfig.plain(GeneratedJava.config(loader, generatedClass));
            Object expected = TypedConfig.plain(lenient(typedReader, byName.get(name), e.getValue().dict(), new ArrayList<>()));
            if (CanonicalJson.of(expected).equals(CanonicalJson.of(generated))) {
              lenientEqual++;
            } else {
              lenientDifferent.add(name + ": differs");
            }
          } catch (RuntimeException ex) {
            lenientDifferent.add(name + ": " + ex);
          }
        }
        Set<String> unregistered = new TreeSet<>();
        chain.forEach(f -> unregistered.addAll(plainTypesByFile.getOrDefault(f, Set.of())));
        if (!unregistered.isEmpty()) {
          unregistered.forEach(t -> skippedByType.merge(t, 1, Integer::sum));
          skippedBySet.merge(String.join(" + ", unregistered), 1, Integer::sum);
          continue;
        }
        eligible++;
        String className = generatedClass;
        if (chain.stream().anyMatch(f -> brokenFiles.contains(className(f)))) {
          different.add(name + ": does not compile");
          continue;
        }
        compiled++;
        try {
          Object generated = TypedConfig.plain(GeneratedJava.config(loader, className));
          Object typed = TypedConfig.plain(new TypedConfigTranslator(registry).translate(e.getValue()).root());
          JsonNode a = CanonicalJson.of(typed);
          JsonNode b = CanonicalJson.of(generated);
          if (a.equals(b)) {
            equal++;
          } else {
            different.add(name + ": differs");
          }
        } catch (RuntimeException ex) {
          different.add(name + ": " + ex);
        }
      }
    }
    long t4 = System.nanoTime();
    System.out.printf("configs: %d .py files, %d load (%d do not: %s)%n", files.size(), loaded.size(), loadFailures.size(),
        loadFailures.keySet());
    System.out.printf("generated: %d classes (one per file incl. _base_), %d typed dicts left plain%n",
        result.sources().size(), result.plainDicts().size());
    System.out.printf("compile: %d javac errors%n", compileErrors.size());
    compileErrors.stream().limit(20).forEach(err -> System.out.println("  " + err));
    System.out.printf("all loaded configs (unregistered typed dicts kept plain on both sides): compiled %d, equal %d%n",
        leniencyCompared, lenientEqual);
    lenientDifferent.stream().limit(30).forEach(d -> System.out.println("  " + d));
    System.out.printf("configs with every type registered: %d; compiled %d; toMap equal to the loaded config %d%n",
        eligible, compiled, equal);
    different.forEach(d -> System.out.println("  " + d));
    System.out.printf("skipped for unregistered types: %d configs%n", loaded.size() - eligible);
    skippedByType.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
        .forEach(t -> System.out.println("  " + t.getValue() + " x " + t.getKey()));
    System.out.println("skipped configs by their whole set of blocking types (what unblocks most when fixed alone):");
    skippedBySet.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(40)
        .forEach(t -> System.out.println("  " + t.getValue() + " x {" + t.getKey() + "}"));
    System.out.printf("times: load %.1f s, generate+format %.1f s, compile %.1f s, run+compare %.1f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
  }

  /** The loaded tree with each readable top-most typed dict read (as the generator does), others plain. */
  static Object lenient(RegistryTypedDictReader reader, ConfigLayer layer, Object value, List<Object> path) {
    if (value instanceof Map<?, ?> map && map.containsKey("type")) {
      if (reader.read(layer, path, map) instanceof io.posekit.configgen.TypedDictReader.Typed typed) {
        return typed.config();
      }
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, lenient(reader, layer, v, append(path, k))));
      return out;
    }
    if (value instanceof List<?> || value instanceof io.posekit.spi.Tuple) {
      List<?> items = value instanceof io.posekit.spi.Tuple t ? t.asList() : (List<?>) value;
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(lenient(reader, layer, items.get(i), append(path, i)));
      }
      return value instanceof io.posekit.spi.Tuple ? io.posekit.spi.Tuple.copyOf(out) : out;
    }
    return value;
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }

  private static String className(String file) {
    return ConfigSourceGenerator.Result.className("mmposecfg", file).replace('.', '/') + ".java";
  }

  private static Set<String> chain(String name, Map<String, ConfigLayer> layers) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(name));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (out.add(next) && layers.containsKey(next)) {
        todo.addAll(layers.get(next).bases());
      }
    }
    return out;
  }
}
