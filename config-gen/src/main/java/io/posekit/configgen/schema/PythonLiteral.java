package io.posekit.configgen.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;

/** The JSON form of simple Python default literals ({@code True}, {@code 0.5}, {@code 'x'}); null for others. */
final class PythonLiteral {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PythonLiteral() {}

  static JsonNode toJson(String literal) {
    String s = literal.trim();
    switch (s) {
      case "True":
        return F.booleanNode(true);
      case "False":
        return F.booleanNode(false);
      case "None":
        return F.nullNode();
      default:
        break;
    }
    if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))
        && s.indexOf('\\') < 0 && s.indexOf(s.charAt(0), 1) == s.length() - 1) {
      return F.textNode(s.substring(1, s.length() - 1));
    }
    if (s.matches("-?\\d+")) {
      return F.numberNode(new BigInteger(s));
    }
    if (s.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
      return F.numberNode(new BigDecimal(s));
    }
    return null; // tuples, lists, dicts: described in text
  }
}
