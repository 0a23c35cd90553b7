package io.posekit.runtime.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads JSON (Jackson) and YAML (SnakeYAML) configs into ConfigDicts that know their lines. */
final class StructuredConfigReader {
  private static final JsonFactory JSON = new JsonFactory();

  private StructuredConfigReader() {}

  static ConfigDict readJson(Path file, String text, IntFunction<SourceLocation> at) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ConfigLoadException(at.apply(p.currentTokenLocation().getLineNr()), "a JSON config must be an object");
      }
      return (ConfigDict) jsonValue(p, at);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigLoadException(at.apply(e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
          "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigLoadException(at.apply(0), "cannot read JSON: " + e.getMessage());
    }
  }

  private static Object jsonValue(JsonParser p, IntFunction<SourceLocation> at) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ConfigDict dict = new ConfigDict(at.apply(p.currentTokenLocation().getLineNr()));
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          SourceLocation keyAt = at.apply(p.currentTokenLocation().getLineNr());
          p.nextToken();
          dict.put(key, jsonValue(p, at), keyAt);
        }
        return dict;
      }
      case START_ARRAY -> {
        ConfigList list = new ConfigList();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(jsonValue(p, at));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return ConfigValues.normalize(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new ConfigLoadException(at.apply(p.currentTokenLocation().getLineNr()), "unexpected JSON token " + t);
    }
  }

  static ConfigDict readYaml(Path file, String text, IntFunction<SourceLocation> at) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      // tuples as PyYAML writes them; no other global tag constructs anything
      options.setTagInspector(tag -> tag.getValue().equals("tag:yaml.org,2002:python/tuple"));
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new ConfigLoadException(at.apply(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1),
          "invalid YAML: " + e.getProblem());
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      // SnakeYAML's limits (nesting depth, aliases, size) come without a position
      throw new ConfigLoadException(at.apply(0), "invalid YAML: " + e.getMessage());
    }
    if (root == null) {
      return new ConfigDict(at.apply(1));
    }
    if (!(root instanceof MappingNode)) {
      throw new ConfigLoadException(at.apply(root.getStartMark().getLine() + 1), "a YAML config must be a mapping");
    }
    return (ConfigDict) yamlValue(root, at);
  }

  private static Object yamlValue(Node node, IntFunction<SourceLocation> at) {
    int line = node.getStartMark().getLine() + 1;
    if (node instanceof MappingNode m) {
      ConfigDict dict = new ConfigDict(at.apply(line));
      for (NodeTuple entry : m.getValue()) {
        Node k = entry.getKeyNode();
        dict.put(yamlValue(k, at), yamlValue(entry.getValueNode(), at), at.apply(k.getStartMark().getLine() + 1));
      }
      return dict;
    }
    if (node instanceof SequenceNode s) {
      List<Object> items = new ArrayList<>();
      for (Node item : s.getValue()) {
        items.add(yamlValue(item, at));
      }
      return node.getTag().getValue().endsWith(":python/tuple") ? Tuple.copyOf(items) : new ConfigList(items);
    }
    ScalarNode scalar = (ScalarNode) node;
    String v = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
    }
    if (Tag.INT.equals(tag)) {
      String digits = v.replace("_", "");
      int radix = 10;
      boolean negative = digits.startsWith("-");
      if (negative || digits.startsWith("+")) {
        digits = digits.substring(1);
      }
      if (digits.startsWith("0x")) {
        radix = 16;
        digits = digits.substring(2);
      } else if (digits.startsWith("0o")) {
        radix = 8;
        digits = digits.substring(2);
      } else if (digits.length() > 1 && digits.startsWith("0")) {
        radix = 8;
      }
      BigInteger n = new BigInteger(digits, radix);
      return ConfigValues.normalize(negative ? n.negate() : n);
    }
    if (Tag.FLOAT.equals(tag)) {
      String f = v.replace("_", "").toLowerCase();
      return switch (f) {
        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
        case "-.inf" -> Double.NEGATIVE_INFINITY;
        case ".nan" -> Double.NaN;
        default -> Double.parseDouble(f);
      };
    }
    return v;
  }
}
