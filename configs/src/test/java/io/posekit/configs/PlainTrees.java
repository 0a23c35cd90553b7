package io.posekit.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.TypedConfigTranslator;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.PyRepr;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Typed config trees as plain values, and the canonical JSON of shared/parity/README.md. */
final class PlainTrees {
  static final Path CONFIGS = Path.of(System.getProperty("posekit.configs.dir", ".")).toAbsolutePath().normalize();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PlainTrees() {}

  /** A loaded config read as typed configs, back to plain values (defaults filled in by toMap). */
  static Object loadedTyped(String config) {
    Config loaded = Config.fromFile(CONFIGS.resolve(config));
    return plain(new TypedConfigTranslator(Registry.load()).translate(loaded).root());
  }

  static Object plain(Object value) {
    if (value instanceof ModuleConfig<?> config) {
      return plain(config.toMap());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Tuple tuple) {
      List<Object> out = new ArrayList<>();
      tuple.forEach(v -> out.add(plain(v)));
      return Tuple.copyOf(out);
    }
    return value;
  }

  /** The canonical JSON form (floats by Python repr, tuples marked, str-keyed dicts sorted). */
  static JsonNode canonical(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof BigInteger b) {
      return F.numberNode(b);
    }
    if (v instanceof Double d) {
      return F.objectNode().put("__float__", PyRepr.reprFloat(d));
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Tuple t) {
      ObjectNode o = F.objectNode();
      o.set("__tuple__", array(t.asList()));
      return o;
    }
    if (v instanceof List<?> l) {
      return array(l);
    }
    Map<?, ?> map = (Map<?, ?>) v;
    if (!map.keySet().stream().allMatch(k -> k instanceof String)) {
      throw new IllegalArgumentException("non-str dict keys are not needed by these tests: " + map.keySet());
    }
    ObjectNode o = F.objectNode();
    new TreeMap<Object, Object>(map).forEach((k, val) -> o.set((String) k, canonical(val)));
    return o;
  }

  private static ArrayNode array(List<?> items) {
    ArrayNode a = F.arrayNode();
    items.forEach(i -> a.add(canonical(i)));
    return a;
  }
}
