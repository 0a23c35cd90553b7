package io.posekit.configgen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.posekit.spi.ConfigTrees;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Java expressions for plain config values: Python scalars, dicts, lists and tuples. */
final class Literals {
  static final ClassName TREES = ClassName.get(ConfigTrees.class);
  static final ClassName TUPLE = ClassName.get(Tuple.class);

  private Literals() {}

  /** A scalar (str, int, float, bool, None) as a Java literal; null when {@code value} is no scalar. */
  static CodeBlock scalar(Object value) {
    if (value == null) {
      return CodeBlock.of("null");
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Boolean b) {
      return CodeBlock.of("$L", b);
    }
    if (value instanceof Integer i) {
      return CodeBlock.of("$L", i);
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof BigInteger b) {
      return CodeBlock.of("new $T($S)", BigInteger.class, b.toString());
    }
    if (value instanceof Double d) {
      return doubleLiteral(d);
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? CodeBlock.of("$LF", Float.toString(f)) : CodeBlock.of("(float) $L", doubleLiteral(f.doubleValue()));
    }
    if (value instanceof Short || value instanceof Byte) {
      return CodeBlock.of("($T) $L", value instanceof Short ? short.class : byte.class, value);
    }
    return null;
  }

  static CodeBlock doubleLiteral(double d) {
    if (Double.isNaN(d)) {
      return CodeBlock.of("$T.NaN", Double.class);
    }
    if (Double.isInfinite(d)) {
      return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return CodeBlock.of("$L", Double.toString(d)); // always has '.' or 'E': a double literal
  }

  /** A plain value tree: dicts with {@link ConfigTrees#dict}, lists, tuples, scalars. */
  static CodeBlock plain(Object value) {
    CodeBlock scalar = scalar(value);
    if (scalar != null) {
      return scalar;
    }
    if (value instanceof Map<?, ?> map) {
      List<CodeBlock> items = new ArrayList<>();
      map.forEach((k, v) -> {
        items.add(plain(k));
        items.add(plain(v));
      });
      return CodeBlock.of("$T.dict($L)", TREES, CodeBlock.join(items, ", "));
    }
    if (value instanceof List<?> list) {
      return CodeBlock.of("$T.list($L)", TREES, join(list));
    }
    if (value instanceof Tuple tuple) {
      return CodeBlock.of("$T.of($L)", TUPLE, join(tuple.asList()));
    }
    throw new ConfigGenException("not a config value: " + value.getClass().getName());
  }

  private static CodeBlock join(List<?> items) {
    List<CodeBlock> out = new ArrayList<>();
    for (Object item : items) {
      out.add(plain(item));
    }
    return CodeBlock.join(out, ", ");
  }
}
