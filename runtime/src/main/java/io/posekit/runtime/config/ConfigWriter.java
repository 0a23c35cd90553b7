package io.posekit.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.PythonLiteralWriter;
import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes a config as JSON or YAML, as MMEngine's dump does: in JSON tuples become lists and
 * non-string keys strings; in YAML tuples keep PyYAML's {@code !!python/tuple} tag, which
 * MMEngine's loader and ours read back as tuples.
 */
final class ConfigWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ConfigWriter() {}

  static String text(ConfigDict config, ConfigFormat format) {
    return switch (format) {
      case PYTHON -> PythonLiteralWriter.write(config);
      case JSON -> json(config);
      case YAML -> yaml(config);
    };
  }

  private static String json(ConfigDict config) {
    try {
      return JSON.writeValueAsString(plain(config, true)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("config values are always JSON-writable", e);
    }
  }

  private static String yaml(ConfigDict config) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    return new Yaml(new TupleRepresenter(options), options).dump(plain(config, false));
  }

  private static Object plain(Object v, boolean stringKeys) {
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object k = stringKeys && !(e.getKey() instanceof String) ? jsonKey(e.getKey()) : e.getKey();
        out.put(k, plain(e.getValue(), stringKeys));
      }
      return out;
    }
    if (v instanceof List<?> || v instanceof Tuple) {
      List<Object> out = new ArrayList<>();
      for (Object item : v instanceof Tuple t ? t.asList() : (List<?>) v) {
        out.add(plain(item, stringKeys));
      }
      // JSON (string keys) has no tuples; YAML keeps them, tagged
      return v instanceof Tuple && !stringKeys ? Tuple.copyOf(out) : out;
    }
    return v;
  }

  /** Writes a {@link Tuple} as a sequence tagged {@code !!python/tuple}, as PyYAML's Dumper does. */
  private static final class TupleRepresenter extends Representer {
    private static final Tag TUPLE = new Tag("tag:yaml.org,2002:python/tuple");

    TupleRepresenter(DumperOptions options) {
      super(options);
      multiRepresenters.put(Tuple.class,
          data -> representSequence(TUPLE, ((Tuple) data).asList(), options.getDefaultFlowStyle()));
    }
  }

  /** Python's json.dumps key conversion: True -> "true", None -> "null", 1.5 -> "1.5". */
  private static String jsonKey(Object key) {
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (key instanceof Double d) {
      return io.posekit.spi.PyRepr.reprFloat(d);
    }
    return String.valueOf(key);
  }
}
