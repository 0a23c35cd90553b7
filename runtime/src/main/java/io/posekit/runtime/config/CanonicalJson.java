package io.posekit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posekit.spi.PyRepr;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The canonical JSON form of shared/parity/README.md for a loaded config. */
public final class CanonicalJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CanonicalJson() {}

  public static JsonNode of(Object v) {
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
      o.set("__tuple__", list(t.asList()));
      return o;
    }
    if (v instanceof List<?> l) {
      return list(l);
    }
    Map<?, ?> map = (Map<?, ?>) v;
    if (map.keySet().stream().allMatch(k -> k instanceof String)) {
      ObjectNode o = F.objectNode();
      new TreeMap<Object, Object>(map).forEach((k, val) -> o.set((String) k, of(val)));
      return o;
    }
    List<Map.Entry<String, ArrayNode>> pairs = new ArrayList<>();
    map.forEach((k, val) -> {
      ArrayNode pair = F.arrayNode().add(of(k)).add(of(val));
      pairs.add(Map.entry(of(k).toString(), pair));
    });
    pairs.sort(Comparator.comparing(Map.Entry::getKey));
    ArrayNode items = F.arrayNode();
    pairs.forEach(p -> items.add(p.getValue()));
    ObjectNode o = F.objectNode();
    o.set("__items__", items);
    return o;
  }

  private static ArrayNode list(List<?> items) {
    ArrayNode a = F.arrayNode();
    items.forEach(i -> a.add(of(i)));
    return a;
  }
}
